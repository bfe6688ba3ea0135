package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.RateLimit;
import dev.katafraktos.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportTest {
  @Test
  void summary_countsImagesChartsAndFindings() throws Exception {
    AuditReport.Summary s = AuditFixtures.report().summary();

    assertThat(s.charts()).isEqualTo(2);
    assertThat(s.images()).isEqualTo(5);
    assertThat(s.checked()).isEqualTo(5);
    assertThat(s.errors()).isEqualTo(6);
    assertThat(s.warnings()).isEqualTo(1);
    assertThat(s.byRule())
        .isEqualTo(
            Map.of(
                "external-registry", 3,
                "missing-in-registry", 1,
                "mutable-tag", 1,
                "invalid-reference", 1,
                "platform-missing", 1));
  }

  @Test
  void dockerHub_countsDistinctImagesAndKeepsTheReportedLimit() throws Exception {
    AuditReport.DockerHubBudget hub = AuditFixtures.report().dockerHub();

    assertThat(hub.images())
        .containsExactly("docker.io/library/nginx:1.27", "docker.io/library/busybox:latest");
    assertThat(hub.pulls()).isEqualTo(2);
    assertThat(hub.rateLimit()).isEqualTo(new RateLimit(100, 61, 21600));
  }

  @Test
  void fails_bySeverityThreshold() throws Exception {
    AuditReport report = AuditFixtures.report();
    AuditReport warningsOnly =
        AuditReport.of(
            report.subjects(),
            report.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList());

    assertThat(report.fails(Severity.ERROR)).isTrue();
    assertThat(report.fails(Severity.OFF)).isFalse();
    assertThat(warningsOnly.fails(Severity.ERROR)).isFalse();
    assertThat(warningsOnly.fails(Severity.WARNING)).isTrue();
  }

  @Test
  void offline_noRateLimitAndNothingChecked() throws Exception {
    AuditReport report = AuditFixtures.offline();

    assertThat(report.summary().checked()).isZero();
    assertThat(report.dockerHub().rateLimit()).isNull();
    assertThat(report.findings())
        .extracting(f -> f.ruleId())
        .containsExactly("external-registry", "mutable-tag");
  }

  @Test
  void redaction_removesUserInfoBearerTokensAndSecretParameters() {
    assertThat(Redaction.redact("https://u:p@h/x Authorization: Basic dTpw ?password=p&x=1"))
        .isEqualTo("https://****@h/x Authorization: Basic **** ?password=****&x=1");
  }
}
