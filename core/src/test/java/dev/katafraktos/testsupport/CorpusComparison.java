package dev.katafraktos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * Compares extracted occurrences with the corpus's {@code expected/<chart>.json}: pod images as an
 * exact set, other images by recall and precision (see the corpus README).
 */
public final class CorpusComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Origin, String> CONTEXTS =
      Map.of(
          Origin.ARG, "containerArg",
          Origin.ENV, "containerEnv",
          Origin.CUSTOM_RESOURCE, "imageField",
          Origin.CONFIG, "configData");

  private CorpusComparison() {}

  /** The corpus chart names, sorted. */
  public static List<String> charts(Path corpus) {
    try (Stream<Path> files = Files.list(corpus.resolve("expected"))) {
      return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode expected(Path corpus, String chart) {
    return read(corpus.resolve("expected/" + chart + ".json"));
  }

  /** An expected file in the corpus's shape, wherever it is. */
  public static JsonNode read(Path expectedFile) {
    try {
      return JSON.readTree(expectedFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code --kube-version} of the chart's render command, or {@code null}. */
  public static String kubeVersion(JsonNode expected) {
    String[] words = expected.get("renderCommand").asText().split("\\s+");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("--kube-version")) {
        return words[i + 1];
      }
    }
    return null;
  }

  /**
   * The values files the chart's render command passes ({@code valuesFiles}, relative to the
   * corpus), in order; none for most charts.
   */
  public static List<Path> valuesFiles(Path corpus, JsonNode expected) {
    List<Path> files = new java.util.ArrayList<>();
    JsonNode list = expected.get("valuesFiles");
    if (list != null) {
      list.forEach(f -> files.add(corpus.resolve(f.asText())));
    }
    return files;
  }

  /** How one chart's occurrences compare with its expected file. */
  public record Score(
      String chart,
      Set<String> expectedPods,
      Set<String> actualPods,
      Set<String> expectedOthers,
      Set<String> actualOthers,
      long annotations) {

    public int matchedOthers() {
      Set<String> matched = new HashSet<>(actualOthers);
      matched.retainAll(expectedOthers);
      return matched.size();
    }

    Set<String> falsePositives() {
      Set<String> extra = new TreeSet<>(actualOthers);
      extra.removeAll(expectedOthers);
      return extra;
    }
  }

  public static Score score(String chart, JsonNode expected, List<ImageOccurrence> occurrences) {
    Map<String, String> volatileNames = volatileNames(expected);
    Set<String> expectedPods = new TreeSet<>();
    expected.get("images").forEach(e -> expectedPods.add(podKey(e, volatileNames)));
    Set<String> actualPods =
        occurrences.stream()
            .filter(o -> o.origin() == Origin.POD)
            .map(o -> podKey(o, volatileNames))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> expectedOthers = new TreeSet<>();
    expected.get("otherImages").forEach(e -> expectedOthers.add(otherKey(e)));
    Set<String> actualOthers =
        occurrences.stream()
            .filter(o -> CONTEXTS.containsKey(o.origin()))
            .map(CorpusComparison::otherKey)
            .collect(Collectors.toCollection(TreeSet::new));
    long annotations = occurrences.stream().filter(o -> o.origin() == Origin.ANNOTATION).count();
    return new Score(chart, expectedPods, actualPods, expectedOthers, actualOthers, annotations);
  }

  /**
   * Asserts exact pod images per chart, no false positive among other images, and overall recall of
   * at least 90%; prints a per-chart table under {@code title}.
   */
  public static void assertConformant(String title, List<Score> scores) {
    SoftAssertions softly = new SoftAssertions();
    StringBuilder table =
        new StringBuilder(title + "\n")
            .append(
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
    for (Score s : scores) {
      softly
          .assertThat(s.actualPods())
          .as("%s: pod images of %s", title, s.chart())
          .isEqualTo(s.expectedPods());
      softly
          .assertThat(s.falsePositives())
          .as("%s: other images of %s not in the corpus", title, s.chart())
          .isEmpty();
      Set<String> matchedPods = new HashSet<>(s.actualPods());
      matchedPods.retainAll(s.expectedPods());
      table.append(
          String.format(
              "%-28s %5d %5d | %5d %5d %5d %7s %9s | %d%n",
              s.chart(),
              s.expectedPods().size(),
              matchedPods.size(),
              s.expectedOthers().size(),
              s.actualOthers().size(),
              s.matchedOthers(),
              ratio(s.matchedOthers(), s.expectedOthers().size()),
              ratio(s.matchedOthers(), s.actualOthers().size()),
              s.annotations()));
      expectedOther += s.expectedOthers().size();
      foundOther += s.actualOthers().size();
      truePositives += s.matchedOthers();
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
        .as("%s: overall recall", title)
        .isGreaterThanOrEqualTo(0.9);
    softly
        .assertThat(truePositives)
        .as("%s: overall precision: true positives", title)
        .isEqualTo(foundOther);
    softly.assertAll();
  }

  /**
   * Every image of the expected file as rendered: its pod images and the other images that name
   * one.
   */
  public static Set<String> images(JsonNode expected) {
    Set<String> images = new TreeSet<>();
    expected.get("images").forEach(e -> images.add(text(e, "image")));
    expected.get("otherImages").forEach(e -> images.add(text(e, "image")));
    images.remove("null");
    return images;
  }

  /**
   * Where the expected file puts each image, in keys that hold for any release name and namespace
   * (object and container names often carry the release name): pod images as {@code image | kind |
   * containerType | source | path}, other images as {@code image | kind | source | path | context}.
   * Entries without an image are left out.
   */
  public static Set<String> placedImages(JsonNode expected) {
    Set<String> keys = new TreeSet<>();
    expected
        .get("images")
        .forEach(
            e ->
                keys.add(
                    String.join(
                        " | ",
                        text(e, "image"),
                        text(e, "kind"),
                        text(e, "containerType"),
                        text(e, "source"),
                        text(e, "path"))));
    expected
        .get("otherImages")
        .forEach(
            e -> {
              if (!e.get("image").isNull()) {
                keys.add(
                    String.join(
                        " | ",
                        text(e, "image"),
                        text(e, "kind"),
                        text(e, "source"),
                        text(e, "path"),
                        text(e, "context")));
              }
            });
    return keys;
  }

  /** {@link #placedImages(JsonNode)} of extracted occurrences; annotations are not images. */
  public static Set<String> placedImages(List<ImageOccurrence> occurrences) {
    Set<String> keys = new TreeSet<>();
    for (ImageOccurrence o : occurrences) {
      if (o.image() == null) {
        continue;
      }
      if (o.origin() == Origin.POD) {
        keys.add(
            String.join(" | ", o.image(), o.kind(), o.containerType().id(), o.source(), o.path()));
      } else if (CONTEXTS.containsKey(o.origin())) {
        keys.add(
            String.join(
                " | ", o.image(), o.kind(), o.source(), o.path(), CONTEXTS.get(o.origin())));
      }
    }
    return keys;
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
    if (value.startsWith("{") && !value.startsWith("{{")) {
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
}
