package dev.katafraktos.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderResult;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Recall and precision of the images found outside pod templates (arguments, env, custom resources,
 * config data), over every expected file there is: the shared corpus, the hand-written charts of
 * {@code testdata/charts}, and the project corpus {@code testdata/corpus} when present ({@code
 * -Dkatafraktos.projectCorpus=<dir>} reads another one, e.g. one being vendored).
 *
 * <p>An expected entry of {@code otherImages} is matched by a found occurrence at the same {@code
 * (source, kind, name, path)} with the same image ({@code null} for an unresolved one); {@code
 * notImages}, where a file has them, are labelled look-alikes, counted when they are found. Charts
 * are rendered by the real helm 3 binary, as the expected files were.
 */
class OtherImagesPrecisionIT {

  private static final double MIN_RECALL = 0.95;
  private static final double MIN_PRECISION = 0.98;

  /** One chart to render and the expected file that describes its render. */
  private record Case(String set, String chart, Path dir, JsonNode expected, Path renderDir) {}

  /** Counts of one chart, or of a sum of charts. */
  private record Tally(
      int expected, int found, int matched, int notImagesFound, List<String> differences) {
    Tally plus(Tally o) {
      return new Tally(
          expected + o.expected,
          found + o.found,
          matched + o.matched,
          notImagesFound + o.notImagesFound,
          List.of());
    }

    double recall() {
      return expected == 0 ? 1.0 : (double) matched / expected;
    }

    double precision() {
      return found == 0 ? 1.0 : (double) matched / found;
    }

    String row(String label) {
      return String.format(
          "%-44s %5d %5d %5d %7.3f %9.3f %9d%n",
          label, expected, found, matched, recall(), precision(), notImagesFound);
    }
  }

  @Test
  void otherImages_everyExpectedFile_recallAndPrecision() throws Exception {
    List<Case> cases = new ArrayList<>();
    Path corpus = RealTools.corpus();
    for (String chart : CorpusComparison.charts(corpus)) {
      cases.add(caseOf("shared corpus", corpus.resolve("expected/" + chart + ".json"), corpus));
    }
    Path testdata = RealTools.testdata();
    try (Stream<Path> dirs = Files.list(testdata.resolve("charts"))) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve("expected-images.json");
        if (Files.exists(file)) {
          // their render commands name the chart from the repository root
          cases.add(caseOf("testdata charts", file, testdata.getParent()));
        }
      }
    }
    Path projectCorpus = projectCorpus(testdata);
    if (Files.isDirectory(projectCorpus.resolve("expected"))) {
      try (Stream<Path> files = Files.list(projectCorpus.resolve("expected"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          cases.add(caseOf("project corpus", file, projectCorpus));
        }
      }
    }

    Map<String, Tally> perSet = new LinkedHashMap<>();
    StringBuilder table =
        new StringBuilder(
            String.format(
                "%-44s %5s %5s %5s %7s %9s %9s%n",
                "chart", "other", "found", "match", "recall", "precision", "notImages"));
    SoftAssertions softly = new SoftAssertions();
    try (ChartRenderer helm = Renderers.helmBinary(RealTools.helm3())) {
      List<RenderResult> results = helm.renderAll(cases.stream().map(this::request).toList());
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        RenderResult result = results.get(i);
        softly.assertThat(result.failure()).as("render of %s (%s)", c.chart(), c.set()).isNull();
        if (!result.ok()) {
          continue;
        }
        Tally tally = tally(c.expected(), new ImageExtractor().extract(result.manifest()));
        table.append(tally.row(c.set() + ": " + c.chart()));
        tally.differences().forEach(d -> table.append("    ").append(d).append('\n'));
        perSet.merge(c.set(), tally, Tally::plus);
        if (!c.set().equals("project corpus")) {
          // what the rules were written from must be exact
          softly
              .assertThat(List.of(tally.matched(), tally.found()))
              .as("%s (%s): matched and found other images", c.chart(), c.set())
              .containsExactly(tally.expected(), tally.expected());
        }
      }
    }
    Tally total = new Tally(0, 0, 0, 0, List.of());
    for (Map.Entry<String, Tally> set : perSet.entrySet()) {
      table.append(set.getValue().row("== " + set.getKey()));
      total = total.plus(set.getValue());
    }
    table.append(total.row("== all"));
    System.out.print(table);

    assertThat(cases).isNotEmpty();
    softly.assertThat(total.recall()).as("overall recall").isGreaterThanOrEqualTo(MIN_RECALL);
    softly
        .assertThat(total.precision())
        .as("overall precision")
        .isGreaterThanOrEqualTo(MIN_PRECISION);
    softly.assertAll();
  }

  private static Path projectCorpus(Path testdata) {
    String property = System.getProperty("katafraktos.projectCorpus");
    return property == null || property.isBlank()
        ? testdata.resolve("corpus")
        : Paths.get(property).toAbsolutePath().normalize();
  }

  private static Case caseOf(String set, Path expectedFile, Path renderDir) {
    JsonNode expected = CorpusComparison.read(expectedFile);
    String chart = expected.get("chart").asText();
    return new Case(set, chart, chartDir(expected, renderDir), expected, renderDir);
  }

  /** The chart of {@code helm template <release> <chart> ...}, from where it is run. */
  private static Path chartDir(JsonNode expected, Path renderDir) {
    String[] words = expected.get("renderCommand").asText().trim().split("\\s+");
    return renderDir.resolve(words[3]).normalize();
  }

  private RenderRequest request(Case c) {
    String[] words = c.expected().get("renderCommand").asText().trim().split("\\s+");
    RenderRequest.Builder request =
        RenderRequest.builder(c.dir()).release(words[2]).namespace("default");
    for (int i = 4; i < words.length - 1; i++) {
      switch (words[i]) {
        case "--namespace", "-n" -> request.namespace(words[i + 1]);
        case "--kube-version" -> request.kubeVersion(words[i + 1]);
        case "--values", "-f" -> request.valuesFile(c.renderDir().resolve(words[i + 1]));
        case "--set" -> request.set(words[i + 1]);
        case "--set-string" -> request.setString(words[i + 1]);
        default -> {
          // a flag without a value, or the value of the flag before it
        }
      }
    }
    return request.build();
  }

  /** How the other images found compare with the expected file. */
  private static Tally tally(JsonNode expected, List<ImageOccurrence> occurrences) {
    Map<String, String> volatileNames = new LinkedHashMap<>();
    JsonNode volatiles = expected.get("volatile");
    if (volatiles != null) {
      volatiles.forEach(
          v -> {
            if ("name".equals(v.get("field").asText())) {
              volatileNames.put(v.get("regex").asText(), v.get("value").asText());
            }
          });
    }
    Set<String> wanted = new HashSet<>();
    expected.get("otherImages").forEach(e -> wanted.add(key(e) + " | " + text(e, "image")));
    Set<String> labelledNotImages = new HashSet<>();
    JsonNode notImages = expected.get("notImages");
    if (notImages != null) {
      notImages.forEach(e -> labelledNotImages.add(key(e)));
    }
    int found = 0;
    int matched = 0;
    int notImagesFound = 0;
    Set<String> missing = new TreeSet<>(wanted);
    Set<String> extra = new TreeSet<>();
    for (ImageOccurrence o : occurrences) {
      if (o.origin() == Origin.POD || o.origin() == Origin.ANNOTATION) {
        continue;
      }
      String name = o.name();
      for (Map.Entry<String, String> v : volatileNames.entrySet()) {
        if (name != null && name.matches(v.getKey())) {
          name = v.getValue();
        }
      }
      String key = String.join(" | ", o.source(), o.kind(), name, o.path());
      found++;
      if (wanted.contains(key + " | " + o.image())) {
        matched++;
        missing.remove(key + " | " + o.image());
      } else {
        extra.add(key + " | " + o.image());
      }
      if (labelledNotImages.contains(key)) {
        notImagesFound++;
      }
    }
    List<String> differences = new ArrayList<>();
    missing.forEach(m -> differences.add("missed: " + m));
    extra.forEach(e -> differences.add("extra:  " + e));
    return new Tally(wanted.size(), found, matched, notImagesFound, differences);
  }

  private static String key(JsonNode e) {
    return String.join(" | ", text(e, "source"), text(e, "kind"), text(e, "name"), text(e, "path"));
  }

  private static String text(JsonNode e, String field) {
    JsonNode node = e.get(field);
    return node == null || node.isNull() ? "null" : node.asText();
  }
}
