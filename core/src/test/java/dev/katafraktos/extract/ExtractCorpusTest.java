package dev.katafraktos.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.ManifestSplitter;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor on the helm 3.17.3 renders of the corpus charts (kept under {@code
 * src/test/resources/rendered/}, so no helm is needed) and compares with {@code
 * corpus/expected/<chart>.json}: pod images exactly, other images by recall and precision.
 */
class ExtractCorpusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Origin, String> CONTEXTS =
      Map.of(
          Origin.ARG, "containerArg",
          Origin.ENV, "containerEnv",
          Origin.CUSTOM_RESOURCE, "imageField",
          Origin.CONFIG, "configData");

  private final ImageExtractor extractor = new ImageExtractor();

  @Test
  void corpus_everyChart_podImagesExactAndOtherImagesWithoutFalsePositives() throws Exception {
    Path corpus = corpus();
    List<String> charts;
    try (Stream<Path> files = Files.list(corpus.resolve("expected"))) {
      charts = files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
    }
    assertThat(charts).hasSize(17);

    SoftAssertions softly = new SoftAssertions();
    StringBuilder table =
        new StringBuilder(
            String.format(
                "%-28s %5s %5s | %5s %5s %5s %7s %9s | %s%n",
                "chart",
                "pods",
                "match",
                "other",
                "found",
                "tp",
                "recall",
                "precision",
                "annotations"));
    int expectedOther = 0;
    int foundOther = 0;
    int truePositives = 0;
    for (String chart : charts) {
      JsonNode expected = JSON.readTree(corpus.resolve("expected/" + chart + ".json").toFile());
      List<ImageOccurrence> occurrences = extract(corpus, chart, expected);
      Map<String, String> volatileNames = volatileNames(expected);

      Set<String> expectedPods = new TreeSet<>();
      expected.get("images").forEach(e -> expectedPods.add(podKey(e, volatileNames)));
      Set<String> actualPods =
          occurrences.stream()
              .filter(o -> o.origin() == Origin.POD)
              .map(o -> podKey(o, volatileNames))
              .collect(Collectors.toCollection(TreeSet::new));
      softly.assertThat(actualPods).as("pod images of %s", chart).isEqualTo(expectedPods);

      Set<String> expectedOthers = new TreeSet<>();
      expected.get("otherImages").forEach(e -> expectedOthers.add(otherKey(e)));
      Set<String> actualOthers =
          occurrences.stream()
              .filter(o -> CONTEXTS.containsKey(o.origin()))
              .map(ExtractCorpusTest::otherKey)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> matched = new HashSet<>(actualOthers);
      matched.retainAll(expectedOthers);
      Set<String> falsePositives = new TreeSet<>(actualOthers);
      falsePositives.removeAll(expectedOthers);
      softly.assertThat(falsePositives).as("other images of %s not in the corpus", chart).isEmpty();

      Set<String> matchedPods = new HashSet<>(actualPods);
      matchedPods.retainAll(expectedPods);
      long annotations = occurrences.stream().filter(o -> o.origin() == Origin.ANNOTATION).count();
      table.append(
          String.format(
              "%-28s %5d %5d | %5d %5d %5d %7s %9s | %d%n",
              chart,
              expectedPods.size(),
              matchedPods.size(),
              expectedOthers.size(),
              actualOthers.size(),
              matched.size(),
              ratio(matched.size(), expectedOthers.size()),
              ratio(matched.size(), actualOthers.size()),
              annotations));
      expectedOther += expectedOthers.size();
      foundOther += actualOthers.size();
      truePositives += matched.size();
    }
    table.append(
        String.format(
            "%-28s %5s %5s | %5d %5d %5d %7s %9s%n",
            "total",
            "",
            "",
            expectedOther,
            foundOther,
            truePositives,
            ratio(truePositives, expectedOther),
            ratio(truePositives, foundOther)));
    System.out.print(table);

    softly
        .assertThat((double) truePositives / expectedOther)
        .as("overall recall")
        .isGreaterThanOrEqualTo(0.9);
    softly.assertThat(truePositives).as("overall precision: true positives").isEqualTo(foundOther);
    softly.assertAll();
  }

  private List<ImageOccurrence> extract(Path corpus, String chart, JsonNode expected)
      throws IOException, ManifestParseException {
    String rendered;
    try (InputStream in = getClass().getResourceAsStream("/rendered/" + chart + ".yaml")) {
      assertThat(in).as("rendered fixture of %s", chart).isNotNull();
      rendered = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    RenderedManifest manifest =
        new RenderedManifest(
            "charts/" + chart,
            expected.get("chartName").asText(),
            "rel",
            "ns",
            ManifestSplitter.split(rendered),
            chartAnnotations(corpus.resolve("charts/" + chart)));
    return extractor.extract(manifest);
  }

  /**
   * The chart's annotations, so that annotation images are exercised (they are not in the corpus).
   */
  private static Map<String, String> chartAnnotations(Path chart) throws IOException {
    JsonNode annotations =
        new YAMLMapper().readTree(chart.resolve("Chart.yaml").toFile()).get("annotations");
    Map<String, String> result = new LinkedHashMap<>();
    if (annotations != null) {
      annotations.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
    }
    return result;
  }

  /** Name as written in the expected file → regex every rendering of it matches. */
  private static Map<String, String> volatileNames(JsonNode expected) {
    Map<String, String> names = new LinkedHashMap<>();
    JsonNode list = expected.get("volatile");
    if (list != null) {
      list.forEach(
          v -> {
            if ("name".equals(v.get("field").asText())) {
              names.put(v.get("value").asText(), v.get("regex").asText());
            }
          });
    }
    return names;
  }

  private static String podKey(JsonNode e, Map<String, String> volatileNames) {
    String name = text(e, "name");
    String stableName = volatileNames.containsKey(name) ? "~" + volatileNames.get(name) : name;
    return String.join(
        " | ",
        text(e, "image"),
        text(e, "kind"),
        stableName,
        text(e, "namespace"),
        text(e, "containerType"),
        text(e, "containerName"),
        text(e, "source"),
        text(e, "path"));
  }

  private static String podKey(ImageOccurrence o, Map<String, String> volatileNames) {
    String name = o.name();
    for (String regex : volatileNames.values()) {
      if (name != null && name.matches(regex)) {
        name = "~" + regex;
      }
    }
    return String.join(
        " | ",
        o.image(),
        o.kind(),
        name,
        String.valueOf(o.namespace()),
        o.containerType().id(),
        o.container(),
        o.source(),
        o.path());
  }

  private static String otherKey(JsonNode e) {
    JsonNode value = e.get("value");
    return String.join(
        " | ",
        value.isTextual() ? value.asText() : value.toString(),
        text(e, "image"),
        text(e, "kind"),
        text(e, "name"),
        text(e, "path"),
        text(e, "context"));
  }

  private static String otherKey(ImageOccurrence o) {
    String value = o.value();
    if (value.startsWith("{")) {
      try {
        value = JSON.readTree(value).toString(); // Jackson's compact form, as for the expected side
      } catch (IOException e) {
        throw new AssertionError("value of " + o + " is not JSON", e);
      }
    }
    return String.join(
        " | ",
        value,
        String.valueOf(o.image()),
        o.kind(),
        o.name(),
        o.path(),
        CONTEXTS.get(o.origin()));
  }

  private static String text(JsonNode e, String field) {
    JsonNode node = e.get(field);
    return node == null || node.isNull() ? "null" : node.asText();
  }

  private static String ratio(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.2f", (double) part / whole);
  }

  /**
   * The corpus folder: {@code -Dkatafraktos.corpus}, else {@code shared/corpus} next to the
   * project.
   */
  static Path corpus() {
    String property = System.getProperty("katafraktos.corpus");
    List<Path> candidates = new ArrayList<>();
    if (property != null && !property.isBlank()) {
      candidates.add(Path.of(property));
    }
    candidates.add(Path.of("../../shared/corpus"));
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate.resolve("expected"))) {
        return candidate;
      }
    }
    String message =
        "conformance corpus not found at "
            + candidates
            + "; check out shared/ next to the project or pass -Dkatafraktos.corpus=<dir>";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    return null;
  }
}
