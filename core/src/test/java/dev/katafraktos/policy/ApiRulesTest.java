package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRulesTest {
  private static final KubeObject CRONJOB =
      new KubeObject("batch/v1beta1", "CronJob", "backup", null, "app/templates/cronjob.yaml");
  private static final KubeObject PSP =
      new KubeObject("policy/v1beta1", "PodSecurityPolicy", "app", null, "app/templates/psp.yaml");
  private static final KubeObject INGRESS =
      new KubeObject("extensions/v1beta1", "Ingress", "web", "ns", "app/templates/ingress.yaml");
  private static final KubeObject DEPLOYMENT =
      new KubeObject("apps/v1", "Deployment", "web", null, "app/templates/deployment.yaml");
  private static final KubeObject CUSTOM =
      new KubeObject("example.com/v1beta1", "Ingress", "x", null, "app/templates/x.yaml");

  private final ApiRules rules =
      new ApiRules(AuditConfig.builder().build().policyConfig(), ApiLifecycle.load());

  private static ApiRules.Rendering on(String version, KubeObject... objects) {
    return new ApiRules.Rendering(version, List.of(objects));
  }

  @Test
  void evaluate_upgradeStory_eachRemovalOnceAtTheFirstVersionThatRemovesIt() {
    List<Finding> findings =
        rules.evaluate(
            "app",
            List.of(
                on("1.25.0", CRONJOB, PSP, INGRESS, DEPLOYMENT),
                on("1.19.0", CRONJOB, PSP, INGRESS, DEPLOYMENT),
                on("1.23.4", CRONJOB, PSP, INGRESS, DEPLOYMENT)));

    assertThat(findings)
        .extracting(Finding::ruleId, f -> f.object().kind(), Finding::kubeVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("removed-api", "Ingress", "1.23.4"),
            org.assertj.core.groups.Tuple.tuple("removed-api", "CronJob", "1.25.0"),
            org.assertj.core.groups.Tuple.tuple("removed-api", "PodSecurityPolicy", "1.25.0"));
    assertThat(findings).allMatch(f -> f.severity() == Severity.ERROR && f.image() == null);
    assertThat(findings.get(0).message())
        .isEqualTo(
            "extensions/v1beta1 Ingress web is rendered for Kubernetes 1.23.4, which no longer"
                + " serves it: extensions/v1beta1 Ingress was removed in 1.22; use"
                + " networking.k8s.io/v1");
    assertThat(findings.get(2).message())
        .contains("was removed in 1.25")
        .contains("Pod Security Admission");
  }

  @Test
  void evaluate_oldApiRenderedOnlyForTheVersionDeployedToday_isRemovedOnTheTargetVersion() {
    KubeObject cronJobV1 =
        new KubeObject("batch/v1", "CronJob", "backup", null, "app/templates/cronjob.yaml");
    List<Finding> findings =
        rules.evaluate(
            "app",
            List.of(on("1.19.0", CRONJOB), on("1.21.0", cronJobV1), on("1.25.0", cronJobV1)));

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.ruleId()).isEqualTo("removed-api");
    assertThat(f.kubeVersion()).isEqualTo("1.25.0");
    assertThat(f.object()).isEqualTo(CRONJOB);
    assertThat(f.message())
        .isEqualTo(
            "batch/v1beta1 CronJob backup, rendered for Kubernetes 1.19.0, is not served by"
                + " Kubernetes 1.25.0: batch/v1beta1 CronJob was removed in 1.25; helm cannot"
                + " upgrade a release whose stored manifest holds it there, so upgrade the release"
                + " before the cluster reaches 1.25 (or repair it with helm's mapkubeapis plugin)");
  }

  @Test
  void evaluate_versionsBelowTheFirstRender_areNotJudged() {
    // the object appears only from 1.25 on: judged there, not at 1.23.4 where the release lacks it
    List<Finding> findings =
        rules.evaluate("app", List.of(on("1.23.4", DEPLOYMENT), on("1.25.0", DEPLOYMENT, INGRESS)));

    assertThat(findings).extracting(Finding::kubeVersion).containsExactly("1.25.0");
    assertThat(findings.get(0).message()).startsWith("extensions/v1beta1 Ingress web is rendered");
  }

  @Test
  void evaluate_deprecatedButServed_warnsWithTheReleaseThatRemovesIt() {
    List<Finding> findings = rules.evaluate("app", List.of(on("v1.21.3", CRONJOB, DEPLOYMENT)));

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.ruleId()).isEqualTo("deprecated-api");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.message())
        .isEqualTo(
            "batch/v1beta1 CronJob backup is deprecated in Kubernetes v1.21.3 (since 1.21,"
                + " removed in 1.25); use batch/v1");
  }

  @Test
  void evaluate_beforeDeprecation_customKindsAndCurrentApis_nothing() {
    assertThat(rules.evaluate("app", List.of(on("1.19.0", CRONJOB, DEPLOYMENT, CUSTOM)))).isEmpty();
    assertThat(rules.evaluate("app", List.of(on("1.35.0", DEPLOYMENT, CUSTOM)))).isEmpty();
  }

  @Test
  void evaluate_deprecationThenRemovalOnLaterVersion_onlyTheRemoval() {
    List<Finding> findings =
        rules.evaluate("app", List.of(on("1.21.0", CRONJOB), on("1.25.0", CRONJOB)));

    assertThat(findings).extracting(Finding::ruleId).containsExactly("removed-api");
  }

  @Test
  void evaluate_ruleSetOff_orVersionNotKubernetes_nothing() {
    ApiRules off =
        new ApiRules(
            AuditConfig.builder()
                .severity("removed-api", Severity.OFF)
                .severity("deprecated-api", Severity.OFF)
                .build()
                .policyConfig(),
            ApiLifecycle.load());
    assertThat(off.evaluate("app", List.of(on("1.25.0", CRONJOB)))).isEmpty();
    assertThat(rules.evaluate("app", List.of(on("latest", CRONJOB)))).isEmpty();
  }

  @Test
  void evaluate_objectWithoutApiVersion_isSkipped() {
    KubeObject broken = new KubeObject(null, "CronJob", "x", null, "app/templates/x.yaml");
    assertThat(rules.evaluate("app", List.of(on("1.25.0", broken)))).isEmpty();
  }
}
