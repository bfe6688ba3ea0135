package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Origin;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An audit of releases rendered for several Kubernetes versions ({@link KubeVersions#expand}). */
class AuditorVersionsTest {
  private static final KubeObject PSP =
      new KubeObject("policy/v1beta1", "PodSecurityPolicy", "p", null, "app/templates/psp.yaml");

  private static InventoryImage image(String image) {
    ImageOccurrence where =
        new ImageOccurrence(
            image,
            image,
            "Deployment",
            "d",
            null,
            "c",
            null,
            "app/templates/d.yaml",
            "/spec/template/spec/containers/0/image",
            Origin.POD);
    return new InventoryImage(
        image, ImageRef.tryParseNormalized(image).orElseThrow(), List.of(where));
  }

  private static ChartInventory chart(
      String label, String version, List<KubeObject> objects, String... images) {
    return new ChartInventory(
        label,
        "app",
        "rel",
        "ns",
        java.util.Arrays.stream(images).map(AuditorVersionsTest::image).toList(),
        List.of(),
        null,
        version,
        objects);
  }

  @Test
  void audit_threeVersions_eachImageOnceUnderTheRelease_andObjectsJudgedPerVersion()
      throws Exception {
    Inventory inventory =
        new Inventory(
            List.of(
                chart("app @ kube 1.19.0", "1.19.0", List.of(PSP), "nginx:1.27", "sched:v1.19"),
                chart("app @ kube 1.21.0", "1.21.0", List.of(PSP), "nginx:1.27", "sched:v1.21"),
                chart("app @ kube 1.25.0", "1.25.0", List.of(PSP), "nginx:1.27", "sched:v1.21"),
                chart("other", null, List.of(PSP), "nginx:1.27")));

    AuditResult result =
        Auditor.audit(inventory, new AuditRequest(List.of(), null, true, null), AuditProgress.NONE);

    assertThat(result.subjects())
        .extracting(AuditSubject::chart, AuditSubject::image)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app", "nginx:1.27"),
            org.assertj.core.groups.Tuple.tuple("app", "sched:v1.19"),
            org.assertj.core.groups.Tuple.tuple("app", "sched:v1.21"),
            org.assertj.core.groups.Tuple.tuple("other", "nginx:1.27"));
    // nginx is judged once for app (external-registry), not once per version
    assertThat(
            result.findings().stream()
                .filter(f -> "nginx:1.27".equals(f.image()) && f.chart().equals("app")))
        .extracting(Finding::ruleId)
        .containsExactly("external-registry");
    // the PSP: once, removed at 1.25; "other" has no known version, so it is not judged
    assertThat(result.findings().stream().filter(f -> f.object() != null))
        .extracting(Finding::chart, Finding::ruleId, Finding::kubeVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("app", "removed-api", "1.25.0"));
  }
}
