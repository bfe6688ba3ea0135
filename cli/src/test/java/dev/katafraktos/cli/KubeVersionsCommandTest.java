package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kube-version} given several times: the story of an upgrade from 1.19 to 1.25, where a
 * chart picks its scheduler image by the cluster's minor version (and rewrite proves one plan on
 * each).
 */
class KubeVersionsCommandTest {
  @TempDir static Path dir;
  static Path chart;

  @BeforeAll
  static void chart() throws IOException {
    chart = dir.resolve("scheduler");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("Chart.yaml"), "apiVersion: v2\nname: scheduler\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("values.yaml"),
        String.join(
            "\n",
            "scheduler:",
            "  images:",
            "    \"19\": registry.k8s.io/kube-scheduler:v1.19.16",
            "    \"21\": registry.k8s.io/kube-scheduler:v1.21.14",
            "    \"25\": registry.k8s.io/kube-scheduler:v1.25.16",
            ""));
    Files.writeString(
        chart.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: scheduler",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: scheduler",
            "          image: {{ index .Values.scheduler.images (.Capabilities.KubeVersion.Minor"
                + " | trimSuffix \"+\") }}",
            "        - name: web",
            "          image: nginx:1.27",
            ""));
  }

  @Test
  void list_everyVersionRendersAndTheImagesThatDifferAreNamedWithTheirVersions() {
    CliRun run =
        CliRun.of(
            "list",
            chart.toString(),
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.21.0",
            "--kube-version",
            "1.25.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(chart + " @ kube 1.19.0", chart + " @ kube 1.21.0", chart + " @ kube 1.25.0")
        .contains("Images that differ between Kubernetes versions:\n  " + chart + ":\n")
        .contains("    registry.k8s.io/kube-scheduler:v1.19.16  only on 1.19.0\n")
        .contains("    registry.k8s.io/kube-scheduler:v1.21.14  only on 1.21.0\n")
        .contains("    registry.k8s.io/kube-scheduler:v1.25.16  only on 1.25.0\n");
    assertThat(run.out().substring(run.out().indexOf("Images that differ")))
        .doesNotContain("nginx");
  }

  @Test
  void audit_severalVersions_auditsTheReleaseOnceWithEveryVersionsImages() {
    CliRun run =
        CliRun.of(
            "audit",
            chart.toString(),
            "--offline",
            "--fail-on",
            "none",
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.25.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // one release, each image once (an image both versions deploy is judged once)
    assertThat(run.out()).doesNotContain(" @ kube ").contains("images in 1 chart");
    assertThat(run.out().lines().filter(l -> l.startsWith("  nginx:")).count()).isEqualTo(1);
    assertThat(run.out())
        .contains("  registry.k8s.io/kube-scheduler:v1.19.16 ")
        .contains("  registry.k8s.io/kube-scheduler:v1.25.16 ")
        .contains("    registry.k8s.io/kube-scheduler:v1.19.16  only on 1.19.0\n")
        .contains("    registry.k8s.io/kube-scheduler:v1.25.16  only on 1.25.0\n");
  }

  @Test
  void audit_kubeVersionsOfTheConfig_unlessTheCommandLineGivesOne() throws IOException {
    Path config = dir.resolve("katafraktos.yaml");
    Files.writeString(config, "kubeVersions: [1.19.0, 1.25.0]\n");

    CliRun fromConfig =
        CliRun.of(
            "audit",
            chart.toString(),
            "--config",
            config.toString(),
            "--offline",
            "--fail-on",
            "none");
    CliRun fromFlag =
        CliRun.of(
            "audit",
            chart.toString(),
            "--config",
            config.toString(),
            "--offline",
            "--fail-on",
            "none",
            "--kube-version",
            "1.21.0");

    assertThat(fromConfig.exitCode()).as(fromConfig.err()).isZero();
    assertThat(fromConfig.out())
        .contains("    registry.k8s.io/kube-scheduler:v1.19.16  only on 1.19.0\n")
        .contains("    registry.k8s.io/kube-scheduler:v1.25.16  only on 1.25.0\n");
    assertThat(fromFlag.exitCode()).as(fromFlag.err()).isZero();
    assertThat(fromFlag.out())
        .contains("registry.k8s.io/kube-scheduler:v1.21.14")
        .doesNotContain("v1.19.16")
        .doesNotContain("Images that differ");
  }

  @Test
  void list_oneVersion_isOneRenderWithoutADifferenceSection() {
    CliRun run = CliRun.of("list", chart.toString(), "--kube-version", "1.21.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("registry.k8s.io/kube-scheduler:v1.21.14")
        .doesNotContain("v1.19.16")
        .doesNotContain(" @ kube ")
        .doesNotContain("Images that differ");
  }

  @Test
  void rewrite_severalVersions_editsEachVersionsImageAndSaysItWasVerifiedOnEach()
      throws IOException {
    Path values = dir.resolve("upgrade.yaml");
    Files.copy(chart.resolve("values.yaml"), values);

    CliRun run =
        CliRun.of(
            "rewrite",
            chart.toString(),
            "-f",
            values.toString(),
            "--mapping",
            "registry.k8s.io=harbor.example.com/k8s",
            "--in-place",
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.21.0",
            "--kube-version",
            "1.25.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "verified on Kubernetes 1.19.0, 1.21.0, 1.25.0 (one render with the edited values per"
                + " version)\n");
    // written by hand: each version's image, the key and its quotes as they were
    assertThat(values)
        .hasContent(
            String.join(
                "\n",
                "scheduler:",
                "  images:",
                "    \"19\": harbor.example.com/k8s/kube-scheduler:v1.19.16",
                "    \"21\": harbor.example.com/k8s/kube-scheduler:v1.21.14",
                "    \"25\": harbor.example.com/k8s/kube-scheduler:v1.25.16",
                ""));
  }

  @Test
  void rewrite_severalVersions_jsonListsEachVersionWithItsVerificationRender() throws IOException {
    CliRun run =
        CliRun.of(
            "rewrite",
            chart.toString(),
            "-f",
            chart.resolve("values.yaml").toString(),
            "--mapping",
            "registry.k8s.io=harbor.example.com/k8s",
            "--dry-run",
            "--output-format",
            "json",
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.25.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertThat(json.get("kubeVersions").toString())
        .isEqualTo(
            "[{\"kubeVersion\":\"1.19.0\",\"verificationRenders\":1},"
                + "{\"kubeVersion\":\"1.25.0\",\"verificationRenders\":1}]");
    assertThat(json.get("moved").findValuesAsText("image"))
        .containsExactlyInAnyOrder(
            "registry.k8s.io/kube-scheduler:v1.19.16", "registry.k8s.io/kube-scheduler:v1.25.16");
  }

  @Test
  void rewrite_severalVersions_anImageHardCodedOnOneVersion_refusesAndWritesNothing()
      throws IOException {
    Path values = dir.resolve("hardcoded.yaml");
    Files.writeString(values, "# ours\n");

    CliRun run =
        CliRun.of(
            "rewrite",
            RewriteCommandTest.testdata().resolve("charts/version-image-hardcoded").toString(),
            "-f",
            values.toString(),
            "--mapping",
            "registry.k8s.io=harbor.example.com/k8s",
            "--in-place",
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.21.0");

    assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(run.err())
        .contains("registry.k8s.io/pause:3.9 moves on Kubernetes 1.21.0 but not on 1.19.0")
        .contains("hard-coded in the template");
    assertThat(values).hasContent("# ours\n");
  }

  @Test
  void rewriteDiscover_severalVersions_provesEachReleaseOnEveryVersion() throws IOException {
    Path repo = dir.resolve("repo");
    Path copy = repo.resolve("scheduler");
    Files.createDirectories(copy.resolve("templates"));
    for (String file : List.of("Chart.yaml", "values.yaml", "templates/deploy.yaml")) {
      Files.copy(chart.resolve(file), copy.resolve(file));
    }

    CliRun run =
        CliRun.of(
            "rewrite",
            "--discover",
            repo.toString(),
            "--mapping",
            "registry.k8s.io=harbor.example.com/k8s",
            "--dry-run",
            "--kube-version",
            "1.19.0",
            "--kube-version",
            "1.25.0");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.out())
        .contains("+    \"19\": harbor.example.com/k8s/kube-scheduler:v1.19.16\n")
        .contains("+    \"25\": harbor.example.com/k8s/kube-scheduler:v1.25.16\n")
        .doesNotContain("+    \"21\"")
        .contains(
            "verified on Kubernetes 1.19.0, 1.25.0 (one render with the edited values per"
                + " version)\n");
  }
}
