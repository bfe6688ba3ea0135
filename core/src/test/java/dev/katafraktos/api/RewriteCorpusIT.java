package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import dev.katafraktos.values.ImageSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance suite of the rewrite, on the shared corpus and on the project's own corpus of real
 * charts nobody tuned the rewrite for: every chart with its own values files (copied) plus an empty
 * user values file, mappings for every registry the chart pulls from. After the rewrite (embedded
 * renderer):
 *
 * <ul>
 *   <li>no chart is refused ("does not verify");
 *   <li>the real helm 3 and helm 4 binaries render every image on its mapped target, or it was
 *       reported as not controllable, naming its template;
 *   <li>helm renders before and after differ in no argument, environment value, config data or
 *       custom-resource field that is not an image the plan moves (or a change the rewrite reported
 *       as carried by a value it set);
 *   <li>a second rewrite changes nothing;
 *   <li>the average number of renders per chart is at most 4.
 * </ul>
 */
class RewriteCorpusIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path temp;

  static Stream<Named<Path>> corpora() {
    return Stream.of(
        Named.of("shared corpus", RealTools.corpus()),
        Named.of("project corpus", RealTools.projectCorpus()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpora")
  void everyChart_movesEveryControllableImage_asHelm3And4Render_andNothingElse(Path corpus)
      throws Exception {
    Path helm3 = RealTools.helm3();
    Path helm4 = RealTools.helm4();
    StringBuilder table =
        new StringBuilder(
            "| chart | image sites | images moved | not controllable | also changes | renders |\n"
                + "|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    String only = System.getProperty("katafraktos.corpus.only", "");
    int renders = 0;
    int charts = 0;
    for (String name : CorpusComparison.charts(corpus)) {
      if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
        continue;
      }
      JsonNode expected = CorpusComparison.expected(corpus, name);
      Path chart = corpus.resolve("charts").resolve(expected.get("chart").asText());
      Path dir = Files.createDirectories(temp.resolve(name));
      List<Path> files = new ArrayList<>();
      for (Path file : CorpusComparison.valuesFiles(corpus, expected)) {
        files.add(Files.copy(file, dir.resolve(file.getFileName())));
      }
      files.add(Files.writeString(dir.resolve("user-values.yaml"), ""));
      Map<Path, String> originals = new LinkedHashMap<>();
      for (Path file : files) {
        originals.put(file, Files.readString(file));
      }
      RenderOptions options =
          RenderOptions.builder()
              .release("rel")
              .namespace("ns")
              .kubeVersion(CorpusComparison.kubeVersion(expected))
              .valuesFiles(files)
              .build();
      Map<String, String> registries = registries(chart, options);
      if (registries.isEmpty()) {
        table.append(String.format("| %s | 0 | - | - | - | - |%n", name)); // istio-base: CRDs only
        continue;
      }
      AuditConfig.Builder config = AuditConfig.builder();
      for (Map.Entry<String, String> m : registries.entrySet()) {
        config.mapping(Mapping.of(m.getKey(), m.getValue()));
      }
      RewriteResult result;
      try {
        result =
            Katafraktos.create()
                .rewrite(
                    new RewriteRequest(chart, options, config.build(), null, false, false, null));
      } catch (KatafraktosException e) {
        failures.add(name + ": refused: " + e.getMessage());
        continue;
      }
      charts++;
      renders += result.renders();

      Set<String> notControllable = new TreeSet<>();
      result.notControllable().forEach(u -> notControllable.add(u.image()));
      assertThat(result.notControllable())
          .as("%s: every image that cannot move names its template", name)
          .allSatisfy(u -> assertThat(u.source()).startsWith(chartName(chart)));
      int images = 0;
      for (Path helm : List.of(helm3, helm4)) {
        Map<ImageSite, ImageOccurrence> rendered = ImageSite.locate(render(helm, chart, options));
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
      failures.addAll(nonImageChanges(name, helm3, chart, options, originals, result));

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
    double average = charts == 0 ? 0 : (double) renders / charts;
    table.append(
        String.format(
            "%n%d charts, %d renders: %.2f renders per chart on average%n",
            charts, renders, average));
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target", "rewrite-" + corpus.getParent().getFileName() + "-corpus.md"), table);
    assertThat(failures)
        .as("charts refused, images neither on their target nor reported, fields changed")
        .isEmpty();
    assertThat(average).as("renders per chart on average").isLessThanOrEqualTo(4.0);
  }

  /**
   * Every scalar field of every document that differs between helm renders before and after the
   * rewrite, other than image sites, strings in which moved references were replaced by their
   * targets, checksums, what the rewrite reported as carried by a value it set, and what also
   * differs between two renders of the unchanged values (generated passwords and certificates).
   */
  private List<String> nonImageChanges(
      String name,
      Path helm,
      Path chart,
      RenderOptions options,
      Map<Path, String> originals,
      RewriteResult result)
      throws Exception {
    Map<String, String> moves = new LinkedHashMap<>();
    result.moved().forEach(m -> moves.put(m.image(), m.target()));
    Path before = Files.createDirectories(temp.resolve(name + "-before"));
    List<Path> beforeFiles = new ArrayList<>();
    for (Map.Entry<Path, String> file : originals.entrySet()) {
      beforeFiles.add(
          Files.writeString(before.resolve(file.getKey().getFileName()), file.getValue()));
    }
    RenderOptions old =
        RenderOptions.builder()
            .release("rel")
            .namespace("ns")
            .kubeVersion(options.kubeVersion())
            .valuesFiles(beforeFiles)
            .build();
    RenderedManifest a = render(helm, chart, old);
    Map<String, String> fieldsBefore = fields(a);
    Map<String, String> fieldsAfter = fields(render(helm, chart, options));
    Map<String, String> fieldsAgain = null;
    Set<String> sites = new LinkedHashSet<>();
    ImageSite.locate(a).keySet().forEach(s -> sites.add(s.source() + "#" + s.index() + s.path()));
    Set<String> carried = RewriteResults.carriedFields(result);
    List<String> out = new ArrayList<>();
    Set<String> keys = new TreeSet<>(fieldsBefore.keySet());
    keys.addAll(fieldsAfter.keySet());
    for (String key : keys) {
      String x = fieldsBefore.get(key);
      String y = fieldsAfter.get(key);
      if (java.util.Objects.equals(x, y) || sites.contains(key) || insideSite(key, sites)) {
        continue;
      }
      if (x != null && y != null && withoutHashes(replaced(x, moves)).equals(withoutHashes(y))) {
        continue; // jenkins' agent id is the sha256 of a template that holds the image
      }
      if (key.contains("checksum") || key.contains("hash") || carried.contains(withoutIndex(key))) {
        continue;
      }
      if (fieldsAgain == null) {
        fieldsAgain = fields(render(helm, chart, old));
      }
      if (!java.util.Objects.equals(x, fieldsAgain.get(key))) {
        continue; // random on every render
      }
      out.add(name + ": a field that is not an image changed: " + key + ": " + x + " -> " + y);
    }
    return out;
  }

  /** {@code source#3/a/b} → {@code source/a/b}: the results name a field by source and pointer. */
  private static String withoutIndex(String key) {
    int hash = key.indexOf('#');
    int at = hash + 1;
    while (at < key.length() && Character.isDigit(key.charAt(at))) {
      at++;
    }
    return key.substring(0, hash) + key.substring(at);
  }

  private static boolean insideSite(String key, Set<String> sites) {
    return sites.stream().anyMatch(s -> key.startsWith(s + "/"));
  }

  private static String withoutHashes(String text) {
    return text.replaceAll("\\b[0-9a-f]{40,64}\\b", "#");
  }

  private static String replaced(String text, Map<String, String> moves) {
    String out = text;
    for (Map.Entry<String, String> move : moves.entrySet()) {
      out = out.replace(move.getKey(), move.getValue());
    }
    return out;
  }

  /** Every scalar of every document by {@code source#index/pointer}; Secret data decoded. */
  private static Map<String, String> fields(RenderedManifest manifest) throws Exception {
    Map<String, String> out = new HashMap<>();
    Map<String, Integer> perSource = new HashMap<>();
    for (RenderedDocument document : manifest.documents()) {
      String source = String.valueOf(document.source());
      int index = perSource.merge(source, 1, Integer::sum) - 1;
      JsonNode node = YAML.readTree(document.content());
      if (node != null) {
        boolean secret = "Secret".equals(node.path("kind").asText());
        walk(source + "#" + index, "", node, secret, out);
      }
    }
    return out;
  }

  private static void walk(
      String prefix, String pointer, JsonNode node, boolean secret, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String child = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
        walk(prefix, child, f.getValue(), secret, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(prefix, pointer + "/" + i, node.get(i), secret, out);
      }
    } else {
      String text = node.asText();
      if (secret && pointer.startsWith("/data/")) {
        try {
          text = new String(java.util.Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
          // not base64: compared as written
        }
      }
      out.put(prefix + pointer, text);
    }
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

  private static RenderedManifest render(Path helm, Path chart, RenderOptions options)
      throws Exception {
    try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
      return renderer.render(
          RenderRequest.builder(chart)
              .release(options.release())
              .namespace(options.namespace())
              .kubeVersion(options.kubeVersion())
              .valuesFiles(options.valuesFiles())
              .build());
    }
  }

  /** What a rewrite result says about fields it changes on purpose besides the images. */
  private static final class RewriteResults {
    /** {@code source/pointer} of every field the result reports as carried by a value. */
    static Set<String> carriedFields(RewriteResult result) {
      Set<String> fields = new LinkedHashSet<>();
      result.alsoChanges().forEach(c -> fields.add(c.source() + c.path()));
      return fields;
    }
  }
}
