package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input as a new user would give it: one clear line on stderr and the right exit code. */
class ListCommandTest {
  @TempDir static Path dir;
  static Path chart;

  @BeforeAll
  static void chart() throws IOException {
    chart = dir.resolve("app");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  tag: {{ required \"tag is required\" .Values.tag }}\n");
  }

  @Test
  void list_unknownFlag_isAUsageError() {
    CliRun run = CliRun.of("list", "--no-such-flag", chart.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("katafraktos: Unknown option: '--no-such-flag'\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void list_apiVersionsWithTheEmbeddedRenderer_failsInOneLineInsteadOfIgnoringThem() {
    CliRun run = CliRun.of("list", "--api-versions", "example.com/v1", chart.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("cannot set .Capabilities.APIVersions")
        .contains("--renderer helm")
        .hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void list_noChart_isAUsageError() {
    CliRun run = CliRun.of("list");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'CHART'");
  }

  @Test
  void list_badOutputFormat_isAUsageError() {
    CliRun run = CliRun.of("list", "-o", "xml", chart.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("xml");
  }

  @Test
  void list_missingChart_failsWithOneLine() {
    Path missing = dir.resolve("nope");

    CliRun run = CliRun.of("list", missing.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("katafraktos: Chart not found: " + missing + "\n");
  }

  @Test
  void list_templateError_namesChartAndTemplate() {
    CliRun run = CliRun.of("list", chart.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .contains(chart.toString())
        .contains("app/templates/cm.yaml")
        .contains("tag is required");
  }

  @Test
  void list_malformedValuesFile_namesFileLineAndColumn() throws IOException {
    Path values = Files.writeString(dir.resolve("broken.yaml"), "tag: 1\nimage:\n  - a\n  b: c\n");

    CliRun run = CliRun.of("list", chart.toString(), "-f", values.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("katafraktos: Invalid YAML in values file " + values + ":4:");
  }

  @Test
  void list_helmBinaryNotExecutable_failsWithOneLine() {
    CliRun run =
        CliRun.of(
            "list",
            "--renderer",
            "helm",
            "--helm-binary",
            dir.resolve("no-helm").toString(),
            chart.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .isEqualTo("katafraktos: Not an executable helm binary: " + dir.resolve("no-helm") + "\n");
  }
}
