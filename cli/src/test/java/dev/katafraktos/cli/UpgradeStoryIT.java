package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The story of issue 13 with the packaged CLI: {@code testdata/charts/upgrade-story} listed for an
 * upgrade 1.19 -> 1.21 -> 1.25 with the embedded renderer. What each version deploys comes from the
 * chart's hand-checked {@code expected-by-version.json} (real helm 3 renders with {@code
 * --kube-version}), never from a Katafraktos run.
 */
class UpgradeStoryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERSIONS = List.of("1.19.0", "1.21.0", "1.25.0");
  private static final String SCHEDULER = "registry.k8s.io/kube-scheduler:";

  static Path chart;
  static Map<String, TreeSet<String>> expected = new LinkedHashMap<>();

  @BeforeAll
  static void expected() throws Exception {
    chart = RewriteCommandTest.testdata().resolve("charts").resolve("upgrade-story");
    JsonNode versions = JSON.readTree(chart.resolve("expected-by-version.json").toFile());
    for (String version : VERSIONS) {
      TreeSet<String> images = new TreeSet<>();
      versions.get("versions").get(version).get("images").forEach(i -> images.add(i.asText()));
      expected.put(version, images);
    }
    // the story needs a scheduler image per version, and an image every version shares
    assertThat(expected.values().stream().map(s -> s.stream().filter(i -> i.startsWith(SCHEDULER))))
        .allSatisfy(s -> assertThat(s).hasSize(1));
    assertThat(expected.get("1.19.0")).containsAnyElementsOf(expected.get("1.25.0"));
  }

  @Test
  void list_threeVersions_eachRenderListsExactlyWhatHelmRendersForIt() throws Exception {
    CliRun run = PackagedCli.create().run(args("-o", "json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, TreeSet<String>> listed = new LinkedHashMap<>();
    for (JsonNode c : JSON.readTree(run.out()).get("charts")) {
      TreeSet<String> images = new TreeSet<>();
      c.get("images").forEach(i -> images.add(i.get("image").asText()));
      listed.put(c.get("chart").asText(), images);
    }
    Map<String, TreeSet<String>> wanted = new LinkedHashMap<>();
    expected.forEach((version, images) -> wanted.put(chart + " @ kube " + version, images));
    assertThat(listed).containsExactlyEntriesOf(wanted);
  }

  @Test
  void list_threeVersions_namesTheSchedulerImagesWithTheVersionsTheyAreOn() throws Exception {
    CliRun run = PackagedCli.create().run(args());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out();
    for (String version : VERSIONS) {
      assertThat(out).contains(chart + " @ kube " + version);
    }
    int at = out.indexOf("Images that differ between Kubernetes versions:\n  " + chart + ":\n");
    assertThat(at).as(out).isNotNegative();
    List<String> differing = new ArrayList<>();
    for (String line : out.substring(at).split("\n")) {
      if (line.startsWith("    ")) {
        differing.add(line.strip());
      }
    }
    List<String> wanted = new ArrayList<>();
    for (String image : new TreeSet<>(union())) {
      List<String> on = new ArrayList<>();
      expected.forEach(
          (version, images) -> on.addAll(images.contains(image) ? List.of(version) : List.of()));
      if (on.size() < VERSIONS.size()) {
        wanted.add(image + "  only on " + String.join(", ", on));
      }
    }
    assertThat(wanted)
        .containsExactly(
            SCHEDULER + "v1.19.16  only on 1.19.0",
            SCHEDULER + "v1.21.14  only on 1.21.0",
            SCHEDULER + "v1.25.16  only on 1.25.0");
    assertThat(differing).containsExactlyElementsOf(wanted);
  }

  private static TreeSet<String> union() {
    TreeSet<String> all = new TreeSet<>();
    expected.values().forEach(all::addAll);
    return all;
  }

  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of("list", chart.toString()));
    VERSIONS.forEach(v -> args.addAll(List.of("--kube-version", v)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
