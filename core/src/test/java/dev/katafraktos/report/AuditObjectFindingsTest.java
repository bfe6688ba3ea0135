package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.ApiLifecycle;
import dev.katafraktos.policy.ApiRules;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Findings about rendered objects (removed and deprecated APIs) in every report format. */
class AuditObjectFindingsTest {
  private static final KubeObject INGRESS =
      new KubeObject("extensions/v1beta1", "Ingress", "web", null, "app/templates/ingress.yaml");
  private static final KubeObject CRONJOB =
      new KubeObject("batch/v1beta1", "CronJob", "backup", null, "app/templates/cronjob.yaml");

  private static AuditReport report() {
    List<AuditSubject> subjects =
        List.of(AuditSubject.unchecked("charts/app", "nginx:1.27", null, List.of(), null));
    List<Finding> findings =
        new ArrayList<>(
            new ApiRules(AuditConfig.builder().build().policyConfig(), ApiLifecycle.load())
                .evaluate(
                    "charts/app",
                    List.of(
                        new ApiRules.Rendering("1.21.0", List.of(INGRESS, CRONJOB)),
                        new ApiRules.Rendering("1.24.0", List.of(INGRESS, CRONJOB)))));
    Map<String, List<String>> byVersion = new LinkedHashMap<>();
    byVersion.put("1.19.0", List.of("k8s.gcr.io/kube-scheduler:v1.19.16", "nginx:1.27"));
    byVersion.put("1.25.0", List.of("nginx:1.27", "registry.k8s.io/kube-scheduler:v1.25.16"));
    List<KubeVersions.Differences> differences =
        List.of(
            new KubeVersions.Differences(
                "charts/app",
                byVersion,
                List.of(
                    "k8s.gcr.io/kube-scheduler:v1.19.16",
                    "registry.k8s.io/kube-scheduler:v1.25.16")));
    return AuditReport.of(subjects, findings, Map.of(), List.of(), differences);
  }

  @Test
  void report_objectFindingsBelongToTheirChart_andCount() {
    AuditReport report = report();

    assertThat(report.objectFindingsOf("charts/app"))
        .extracting(Finding::ruleId)
        .containsExactly("removed-api", "deprecated-api");
    assertThat(report.summary().errors()).isEqualTo(1);
    assertThat(report.summary().warnings()).isEqualTo(1);
    assertThat(report.findingsOf(report.subjects().get(0))).isEmpty();
    assertThat(report.fails(Severity.ERROR)).isTrue();
  }

  @Test
  void table_listsObjectFindingsUnderTheChart_withTemplateAndObject() {
    String table = AuditTable.write(report());

    assertThat(table)
        .contains(
            "  ERROR removed-api: extensions/v1beta1 Ingress web is rendered for Kubernetes"
                + " 1.24.0, which no longer serves it: extensions/v1beta1 Ingress was removed in"
                + " 1.22; use networking.k8s.io/v1  [app/templates/ingress.yaml Ingress/web]")
        .contains("  WARNING deprecated-api: batch/v1beta1 CronJob backup is deprecated");
  }

  @Test
  void json_objectAndVersionOnObjectFindings_andImagesByVersion() throws Exception {
    JsonNode root = new ObjectMapper().readTree(AuditJson.write(report()));

    JsonNode removed = root.path("findings").get(0);
    assertThat(removed.path("ruleId").asText()).isEqualTo("removed-api");
    assertThat(removed.path("image").isNull()).isTrue();
    assertThat(removed.path("kubeVersion").asText()).isEqualTo("1.24.0");
    assertThat(removed.path("object").path("apiVersion").asText()).isEqualTo("extensions/v1beta1");
    assertThat(removed.path("object").path("source").asText())
        .isEqualTo("app/templates/ingress.yaml");
    JsonNode versions = root.path("kubeVersions").get(0);
    assertThat(versions.path("release").asText()).isEqualTo("charts/app");
    assertThat(versions.path("imagesByVersion").path("1.25.0").get(1).asText())
        .isEqualTo("registry.k8s.io/kube-scheduler:v1.25.16");
    assertThat(versions.path("differing")).hasSize(2);
  }

  @Test
  void json_withoutSeveralVersions_hasNoKubeVersionsSection() throws Exception {
    AuditReport plain = AuditReport.of(List.of(), List.of());
    assertThat(new ObjectMapper().readTree(AuditJson.write(plain)).has("kubeVersions")).isFalse();
  }

  @Test
  void markdown_objectInTheImageColumn_andDifferencesByVersion() {
    String markdown = AuditMarkdown.write(report());

    assertThat(markdown)
        .contains("| **error** | `removed-api` | `extensions/v1beta1 Ingress web` |")
        .contains("### Images that differ between Kubernetes versions")
        .contains("| Release | Image | 1.19.0 | 1.25.0 |")
        .contains("| `charts/app` | `k8s.gcr.io/kube-scheduler:v1.19.16` | yes | - |")
        .contains("| `charts/app` | `registry.k8s.io/kube-scheduler:v1.25.16` | - | yes |");
  }

  @Test
  void junit_oneCasePerJudgedObject_removalFails() {
    String xml = AuditJunit.write(report());

    assertThat(xml)
        .contains("name=\"extensions/v1beta1 Ingress web on Kubernetes 1.24.0\"")
        .contains(
            "<failure message=\"extensions/v1beta1 Ingress web is rendered for Kubernetes 1.24.0")
        .contains("name=\"batch/v1beta1 CronJob backup on Kubernetes 1.21.0\"")
        .contains("tests=\"3\"");
  }

  @Test
  void sarif_locatesTheTemplateInTheChart() throws Exception {
    assertThat(AuditSarifTest.validate(AuditSarif.write(report()))).isEmpty();
    JsonNode result =
        new ObjectMapper().readTree(AuditSarif.write(report())).path("runs").get(0).path("results");

    JsonNode removed = result.get(0);
    assertThat(removed.path("ruleId").asText()).isEqualTo("removed-api");
    assertThat(
            removed
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("artifactLocation")
                .path("uri")
                .asText())
        .isEqualTo("charts/app/templates/ingress.yaml");
    assertThat(removed.path("properties").path("kubeVersion").asText()).isEqualTo("1.24.0");
  }
}
