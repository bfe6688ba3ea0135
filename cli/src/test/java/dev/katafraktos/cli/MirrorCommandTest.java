package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code katafraktos mirror}: usage errors, before any registry is asked. */
class MirrorCommandTest {
  @TempDir static Path dir;
  static Path chart;

  @BeforeAll
  static void chart() throws IOException {
    chart = dir.resolve("shop");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
            + "    - name: web\n      image: nginx:1.27\n");
  }

  @Test
  void withoutAMappingThereIsNothingToCopyTo() {
    CliRun run = CliRun.of("mirror", chart.toString());
    assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(run.err()).contains("mirror needs at least one --mapping").hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void jobsMustBePositive() {
    CliRun run =
        CliRun.of(
            "mirror",
            chart.toString(),
            "--mapping",
            "docker.io=harbor.example.com/hub",
            "--jobs",
            "0");
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--jobs must be at least 1");
  }

  @Test
  void aPlatformIsOsSlashArch() {
    CliRun run =
        CliRun.of(
            "mirror",
            chart.toString(),
            "--mapping",
            "docker.io=harbor.example.com/hub",
            "--platform",
            "amd64");
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--platform takes os/arch[/variant]");
  }

  @Test
  void maxPullsMustNotBeNegative() {
    CliRun run =
        CliRun.of(
            "mirror",
            chart.toString(),
            "--mapping",
            "docker.io=harbor.example.com/hub",
            "--max-pulls",
            "-1");
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--max-pulls must not be negative");
  }

  @Test
  void helpNamesEveryOptionOfTheIssue() {
    CliRun run = CliRun.of("mirror", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--dry-run", "--jobs", "--platform", "--max-pulls", "--warm", "--output")
        .contains("--mapping", "--config", "--ca-file", "--insecure-registry", "--discover");
  }
}
