package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code katafraktos audit --offline}: the policy without a registry, and bad input. */
class AuditCommandTest {
  @TempDir static Path dir;
  static Path chart;

  @BeforeAll
  static void chart() throws IOException {
    chart = dir.resolve("shop");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: shop",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: web",
            "          image: nginx:1.27",
            "        - name: cache",
            "          image: harbor.example.com/dockerhub-proxy/library/redis:7.4",
            ""));
  }

  @Test
  void audit_offlineDockerHubImage_isAnErrorAndExitsOne() {
    CliRun run =
        CliRun.of("audit", chart.toString(), "--offline", "--registry", "harbor.example.com");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("external-registry")
        .contains("docker.io/library/nginx:1.27")
        .contains("Docker Hub");
    assertThat(run.out()).doesNotContain("redis:7.4 is pulled from");
  }

  @Test
  void audit_failOnNone_reportsButExitsZero() {
    CliRun run =
        CliRun.of(
            "audit",
            chart.toString(),
            "--offline",
            "--registry",
            "harbor.example.com",
            "--fail-on",
            "none");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("external-registry");
  }

  @Test
  void audit_reportDir_writesEveryFormat() throws Exception {
    Path reports = dir.resolve("reports");

    CliRun run =
        CliRun.of(
            "audit",
            chart.toString(),
            "--offline",
            "--registry",
            "harbor.example.com",
            "-o",
            "json",
            "--report-dir",
            reports.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("{");
    assertThat(reports.resolve("katafraktos-audit.sarif"))
        .content()
        .contains("\"ruleId\" : \"external-registry\"");
    assertThat(reports.resolve("katafraktos-audit.md")).content().contains("external-registry");
    assertThat(reports.resolve("katafraktos-audit.json")).isNotEmptyFile();
    assertThat(reports.resolve("katafraktos-audit.txt")).isNotEmptyFile();
    var junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(reports.resolve("TEST-katafraktos-audit.xml").toFile());
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(2);
  }

  @Test
  void audit_badMapping_failsWithOneLine() {
    CliRun run = CliRun.of("audit", chart.toString(), "--offline", "--mapping", "docker.io");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("katafraktos: ")
        .contains("docker.io")
        .contains("SOURCE=TARGET");
  }

  @Test
  void audit_malformedConfig_namesFileLineAndColumn() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("katafraktos.yaml"),
            "registry: harbor.example.com\nmappings:\n  - [unclosed\n");

    CliRun run = CliRun.of("audit", chart.toString(), "--offline", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains(config.toString() + ":");
  }

  @Test
  void audit_missingCaFile_failsWithOneLine() {
    Path ca = dir.resolve("no-such-ca.pem");

    CliRun run = CliRun.of("audit", chart.toString(), "--offline", "--ca-file", ca.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("katafraktos: CA file " + ca + " not found; check --ca-file\n");
  }

  @Test
  void audit_usernameWithoutPasswordStdin_failsWithOneLine() {
    CliRun run =
        CliRun.of(
            "audit", chart.toString(), "--registry", "harbor.example.com", "--username", "ci");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("katafraktos: --username and --password-stdin go together\n");
  }

  @Test
  void audit_unknownFailOn_isAUsageError() {
    CliRun run = CliRun.of("audit", chart.toString(), "--offline", "--fail-on", "sometimes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("sometimes");
  }
}
