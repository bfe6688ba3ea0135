package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import dev.katafraktos.values.ImageSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance suite of the rewrite: every corpus chart, default values plus an empty user values
 * file, mappings for every registry the chart pulls from. After the rewrite (embedded renderer),
 * the real helm 3 and helm 4 binaries render the chart with the edited file: every image is its
 * mapped target or was reported as not controllable, with its template. A second rewrite of the
 * edited file changes nothing.
 */
class RewriteCorpusIT {
  @TempDir Path temp;

  @Test
  void everyCorpusChart_movesEveryControllableImage_asHelm3And4Render() throws Exception {
    Path corpus = RealTools.corpus();
    Path helm3 = RealTools.helm3();
    Path helm4 = RealTools.helm4();
    StringBuilder table =
        new StringBuilder(
            "| chart | image sites | images moved | not controllable | also changes | renders |\n"
                + "|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    String only = System.getProperty("katafraktos.corpus.only", "");
    for (String name : CorpusComparison.charts(corpus)) {
      if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
        continue;
      }
      Path chart = corpus.resolve("charts").resolve(name);
      String kubeVersion = CorpusComparison.kubeVersion(CorpusComparison.expected(corpus, name));
      Path values = Files.writeString(temp.resolve(name + ".yaml"), "");
      RenderOptions options =
          RenderOptions.builder()
              .release("rel")
              .namespace("ns")
              .kubeVersion(kubeVersion)
              .valuesFiles(List.of(values))
              .build();
      Map<String, String> registries = registries(chart, options);
      AuditConfig.Builder config = AuditConfig.builder();
      for (Map.Entry<String, String> m : registries.entrySet()) {
        config.mapping(Mapping.of(m.getKey(), m.getValue()));
      }
      RewriteResult result =
          Katafraktos.create()
              .rewrite(
                  new RewriteRequest(chart, options, config.build(), null, false, false, null));

      Set<String> notControllable = new TreeSet<>();
      result.notControllable().forEach(u -> notControllable.add(u.image()));
      assertThat(result.notControllable())
          .as("%s: every image that cannot move names its template", name)
          .allSatisfy(u -> assertThat(u.source()).startsWith(chartName(chart)));
      int images = 0;
      for (Path helm : List.of(helm3, helm4)) {
        Map<ImageSite, ImageOccurrence> rendered = render(helm, chart, options);
        images = rendered.size();
        for (ImageOccurrence o : rendered.values()) {
          String image = o.image();
          ImageRef ref = ImageRef.parseNormalized(image);
          boolean onTarget =
              registries.values().stream().anyMatch(t -> ref.name().startsWith(t + "/"));
          if (!onTarget && !notControllable.contains(image)) {
            failures.add(
                name
                    + " ("
                    + helm.getParent().getFileName()
                    + "): "
                    + image
                    + " at "
                    + o.source()
                    + " "
                    + o.path());
          }
        }
      }

      RewriteResult again =
          Katafraktos.create()
              .rewrite(
                  new RewriteRequest(chart, options, config.build(), null, false, false, null));
      assertThat(again.files())
          .as("%s: a second rewrite changes nothing", name)
          .noneMatch(RewriteResult.FileChange::changed);
      assertThat(again.moved()).as(name).isEmpty();

      table.append(
          String.format(
              "| %s | %d | %d | %d | %d | %d |%n",
              name,
              images,
              result.moved().size(),
              result.notControllable().size(),
              result.alsoChanges().size(),
              result.renders()));
    }
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "rewrite-corpus.md"), table);
    assertThat(failures)
        .as("images neither on their target nor reported as not controllable")
        .isEmpty();
  }

  private static String chartName(Path chart) throws Exception {
    for (String line : Files.readAllLines(chart.resolve("Chart.yaml"))) {
      if (line.startsWith("name:")) {
        return line.substring(5).trim().replace("\"", "");
      }
    }
    throw new AssertionError("no name in " + chart);
  }

  /** Every registry the chart's rendered images come from, mapped to a Harbor proxy project. */
  private static Map<String, String> registries(Path chart, RenderOptions options)
      throws Exception {
    Set<String> domains = new LinkedHashSet<>();
    Inventory inventory = Katafraktos.create().list(ListRequest.of(List.of(chart), options));
    for (InventoryImage image : inventory.charts().get(0).images()) {
      boolean annotationOnly =
          image.occurrences().stream()
              .allMatch(o -> o.origin() == dev.katafraktos.model.Origin.ANNOTATION);
      if (image.reference() != null && !annotationOnly) {
        domains.add(image.reference().domain());
      }
    }
    Map<String, String> mappings = new LinkedHashMap<>();
    domains.forEach(d -> mappings.put(d, "harbor.example.com/" + d.replaceAll("[.:]", "-")));
    return mappings;
  }

  private static Map<ImageSite, ImageOccurrence> render(
      Path helm, Path chart, RenderOptions options) throws Exception {
    try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
      return ImageSite.locate(
          renderer.render(
              RenderRequest.builder(chart)
                  .release(options.release())
                  .namespace(options.namespace())
                  .kubeVersion(options.kubeVersion())
                  .valuesFiles(options.valuesFiles())
                  .build()));
    }
  }
}
