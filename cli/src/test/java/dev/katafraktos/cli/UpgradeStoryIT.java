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
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("charts"))
        .extracting(c -> c.get("kubeVersion").asText())
        .containsExactlyElementsOf(VERSIONS);
    JsonNode byVersion = json.get("kubeVersions").get(0);
    assertThat(byVersion.get("release").asText()).isEqualTo(chart.toString());
    assertThat(byVersion.get("differing"))
        .extracting(JsonNode::asText)
        .containsExactly(SCHEDULER + "v1.19.16", SCHEDULER + "v1.21.14", SCHEDULER + "v1.25.16");
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

  @Test
  void audit_upgradeTo125_reportsEachRemovalAtTheVersionThatNoLongerServesIt() throws Exception {
    CliRun run = PackagedCli.create().run(audit(VERSIONS, "-o", "json"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(run.out());
    List<String> apis = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (f.has("object")) {
        JsonNode o = f.get("object");
        apis.add(
            String.join(
                " ",
                f.get("ruleId").asText(),
                f.get("kubeVersion").asText(),
                o.get("apiVersion").asText(),
                o.get("kind").asText(),
                o.get("name").asText(),
                o.get("source").asText()));
      }
    }
    // the migration guide: extensions/v1beta1 Ingress went in 1.22, the other two in 1.25; the
    // CronJob is batch/v1 from 1.21, but the release deployed on 1.19 still holds batch/v1beta1
    assertThat(apis)
        .containsExactlyInAnyOrder(
            "removed-api 1.25.0 policy/v1beta1 PodSecurityPolicy rel-scheduler"
                + " upgrade-story/templates/podsecuritypolicy.yaml",
            "removed-api 1.25.0 extensions/v1beta1 Ingress rel-scheduler"
                + " upgrade-story/templates/ingress.yaml",
            "removed-api 1.25.0 batch/v1beta1 CronJob rel-cleanup"
                + " upgrade-story/templates/cronjob.yaml");
    assertThat(messages(report, "removed-api"))
        .anySatisfy(
            m -> assertThat(m).contains("Ingress was removed in 1.22; use networking.k8s.io/v1"))
        .anySatisfy(m -> assertThat(m).contains("PodSecurityPolicy was removed in 1.25"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("rendered for Kubernetes 1.19.0, is not served by Kubernetes 1.25.0")
                    .contains("upgrade the release before the cluster reaches 1.25"));
    // one release, every image once, and the images each version deploys
    assertThat(report.get("charts")).hasSize(1);
    assertThat(report.get("charts").get(0).get("chart").asText()).isEqualTo(chart.toString());
    TreeSet<String> audited = new TreeSet<>();
    report.get("charts").get(0).get("images").forEach(i -> audited.add(i.get("image").asText()));
    assertThat(audited).isEqualTo(union());
    JsonNode versions = report.get("kubeVersions").get(0);
    for (String version : VERSIONS) {
      TreeSet<String> images = new TreeSet<>();
      versions.get("imagesByVersion").get(version).forEach(i -> images.add(i.asText()));
      assertThat(images).as(version).isEqualTo(expected.get(version));
    }
    assertThat(versions.get("differing"))
        .extracting(JsonNode::asText)
        .containsExactly(SCHEDULER + "v1.19.16", SCHEDULER + "v1.21.14", SCHEDULER + "v1.25.16");
  }

  @Test
  void audit_upgradeTo121_onlyWarnsOfTheDeprecations() throws Exception {
    CliRun run = PackagedCli.create().run(audit(List.of("1.19.0", "1.21.0"), "-o", "json"));

    JsonNode report = JSON.readTree(run.out());
    List<String> apis = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (f.has("object")) {
        apis.add(
            f.get("ruleId").asText()
                + " "
                + f.get("kubeVersion").asText()
                + " "
                + f.get("object").get("apiVersion").asText()
                + " "
                + f.get("object").get("kind").asText());
      }
    }
    // Ingress extensions/v1beta1: deprecated since 1.14; PodSecurityPolicy: since 1.21; the
    // batch/v1beta1 CronJob is deprecated in 1.21, where the chart renders batch/v1
    assertThat(apis)
        .containsExactly(
            "deprecated-api 1.19.0 extensions/v1beta1 Ingress",
            "deprecated-api 1.21.0 policy/v1beta1 PodSecurityPolicy");
  }

  @Test
  void audit_markdown_tablesTheImagesThatDifferByVersion() throws Exception {
    CliRun run = PackagedCli.create().run(audit(VERSIONS, "-o", "markdown"));

    assertThat(run.out())
        .contains("| Release | Image | 1.19.0 | 1.21.0 | 1.25.0 |")
        .contains("| `" + chart + "` | `" + SCHEDULER + "v1.21.14` | - | yes | - |")
        .contains("| **error** | `removed-api` | `batch/v1beta1 CronJob rel-cleanup` |");
  }

  private static List<String> messages(JsonNode report, String rule) {
    List<String> messages = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("ruleId").asText().equals(rule)) {
                messages.add(f.get("message").asText());
              }
            });
    return messages;
  }

  private static String[] audit(List<String> versions, String... more) {
    List<String> args =
        new ArrayList<>(List.of("audit", chart.toString(), "--offline", "--release", "rel"));
    versions.forEach(v -> args.addAll(List.of("--kube-version", v)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
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
