package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.ChartInventory;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.ReleaseOrigin;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final Finding DOCKER_HUB =
      new Finding(
          "external-registry",
          Severity.ERROR,
          "charts/web",
          "nginx:1.27",
          "docker.io/library/nginx:1.27 is pulled from Docker Hub",
          null);
  private static final Finding LATEST =
      new Finding(
          "mutable-tag", Severity.WARNING, "charts/web", "busybox", "busybox uses latest", null);

  @Test
  void print_eachFindingAtItsLevel_failingOnesAsErrors() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, result(Severity.ERROR, DOCKER_HUB, LATEST));

    assertThat(log.lines)
        .contains(
            "error charts/web: external-registry: docker.io/library/nginx:1.27 is pulled from"
                + " Docker Hub",
            "warn charts/web: mutable-tag: busybox uses latest",
            "info 2 images in 1 chart, 0 checked: 1 error, 1 warning");
  }

  @Test
  void print_failOnNone_onlyWarns() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, result(Severity.OFF, DOCKER_HUB));

    assertThat(log.lines).noneMatch(l -> l.startsWith("error"));
    assertThat(log.lines).anyMatch(l -> l.startsWith("warn charts/web: external-registry"));
  }

  @Test
  void failureMessage_unmappedRegistry_saysToMapItAndRewrite() {
    String message =
        AuditLog.failureMessage(
            result(Severity.WARNING, DOCKER_HUB, LATEST),
            "harbor.corp",
            "target/katafraktos/katafraktos-audit.md");

    assertThat(message)
        .isEqualTo(
            "2 image findings at or above warning (external-registry 1, mutable-tag 1). Next: add"
                + " a <mapping> for docker.io to your registry (e.g."
                + " <mapping>docker.io=harbor.corp/dockerhub-proxy</mapping>), then run mvn"
                + " katafraktos:rewrite-values to point the values at your registry; pin a version"
                + " tag or a digest (mvn katafraktos:rewrite-values -Dkatafraktos.pinDigests)."
                + " Details: target/katafraktos/katafraktos-audit.md. To only warn, set failOn to"
                + " none.");
  }

  @Test
  void failureMessage_mappedTargetMissing_saysMirrorThenRewrite() {
    AuditResult result =
        result(
            Severity.ERROR,
            subject("nginx:1.27", "harbor.corp/dockerhub/library/nginx:1.27", Availability.MISSING),
            "external-registry",
            "missing-in-registry");

    assertThat(AuditLog.failureMessage(result, "harbor.corp", null))
        .isEqualTo(
            "2 image findings at or above error (external-registry 1, missing-in-registry 1)."
                + " Next: copy the missing images with mvn katafraktos:mirror-images, then run mvn"
                + " katafraktos:rewrite-values to point the values at your registry. To only warn,"
                + " set failOn to none.");
  }

  @Test
  void failureMessage_mappedTargetPresent_saysRewriteOnly() {
    AuditResult result =
        result(
            Severity.ERROR,
            subject("nginx:1.27", "harbor.corp/dockerhub/library/nginx:1.27", Availability.PRESENT),
            "external-registry");

    assertThat(AuditLog.failureMessage(result, "harbor.corp", null))
        .contains("Next: run mvn katafraktos:rewrite-values to point the values at your registry.")
        .doesNotContain("mirror-images");
  }

  @Test
  void failureMessage_imageOfOwnRegistryMissing_saysPushNotMirror() {
    AuditResult result =
        result(
            Severity.ERROR,
            subject("harbor.corp/team/app:1.0", null, Availability.MISSING),
            "missing-in-registry");

    assertThat(AuditLog.failureMessage(result, "harbor.corp", null))
        .contains(
            "Next: push the missing images to your registry, or pull them once through its proxy"
                + " cache.")
        .doesNotContain("mirror-images");
  }

  @Test
  void failureMessage_mappedAndOwnImagesMissing_saysMirrorForOnePushForTheOther() {
    // quay.io is allowed, so the mapped image is no external-registry finding: only missing
    AuditSubject mapped =
        subject("quay.io/team/app:1.0", "harbor.corp/quay/team/app:1.0", Availability.MISSING);
    AuditSubject own = subject("harbor.corp/team/web:2.0", null, Availability.MISSING);
    AuditResult result =
        new AuditResult(
            new Inventory(List.of()),
            List.of(mapped, own),
            List.of(finding(mapped, "missing-in-registry"), finding(own, "missing-in-registry")),
            Severity.ERROR,
            true);

    assertThat(AuditLog.failureMessage(result, "harbor.corp", null))
        .contains(
            "Next: copy the missing images with mvn katafraktos:mirror-images (it copies each to"
                + " where its mapping sends it); push the missing images to your registry, or pull"
                + " them once through its proxy cache.");
  }

  @Test
  void failureMessage_missingInRegistryOnlyWarns_doesNotSuggestMirror() {
    AuditSubject s =
        subject("nginx:1.27", "harbor.corp/dockerhub/library/nginx:1.27", Availability.PRESENT);
    AuditSubject missing =
        subject("quay.io/team/app:1.0", "harbor.corp/quay/team/app:1.0", Availability.MISSING);
    AuditResult result =
        new AuditResult(
            new Inventory(List.of()),
            List.of(s, missing),
            List.of(
                finding(s, "external-registry"),
                new Finding(
                    "missing-in-registry",
                    Severity.WARNING,
                    missing.chart(),
                    missing.image(),
                    "not there",
                    null)),
            Severity.ERROR,
            true);

    assertThat(AuditLog.failureMessage(result, "harbor.corp", null))
        .startsWith("1 image finding at or above error (external-registry 1).")
        .doesNotContain("mirror-images");
  }

  /** A checked subject of charts/web; {@code target} null for an unmapped image. */
  private static AuditSubject subject(String image, String target, Availability availability) {
    ImageRef ref = ImageRef.tryParseNormalized(image).orElseThrow();
    ImageRef to = target == null ? null : ImageRef.tryParseNormalized(target).orElseThrow();
    ImageCheck check =
        new ImageCheck(to == null ? ref : to, availability, null, null, List.of(), null, null);
    return new AuditSubject(
        "charts/web",
        image,
        ref,
        List.of(),
        to,
        to == null ? check : null,
        to == null ? null : check,
        null);
  }

  private static Finding finding(AuditSubject s, String rule) {
    return new Finding(rule, Severity.ERROR, s.chart(), s.image(), rule + " of " + s.image(), null);
  }

  private static AuditResult result(Severity failOn, AuditSubject s, String... rules) {
    List<Finding> findings = new ArrayList<>();
    for (String rule : rules) {
      findings.add(finding(s, rule));
    }
    return new AuditResult(new Inventory(List.of()), List.of(s), findings, failOn, true);
  }

  @Test
  void print_releaseSet_namesEachReleaseWithItsDeclaringFileAndGroupsByImage() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, releaseSet(Severity.ERROR, List.of()));

    assertThat(log.lines)
        .contains(
            "error web [prod] (argocd apps/web-prod.yaml): external-registry:"
                + " docker.io/library/nginx:1.27 is pulled from Docker Hub",
            "error api [dev] (chart-dir charts/api/Chart.yaml): external-registry:"
                + " docker.io/library/nginx:1.27 is pulled from Docker Hub",
            "info By image:",
            "info   ERROR docker.io/library/nginx:1.27  external-registry: used by 2 releases in 2"
                + " environments (dev, prod)");
  }

  @Test
  void print_renderFailure_isAnErrorLineWithReleaseDeclaringFileAndReason() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, releaseSet(Severity.OFF, List.of(BROKEN)));

    assertThat(log.lines)
        .contains(
            "error broken (argocd apps/broken.yaml): render-failed: template: broken/templates/x.yaml:1:"
                + " image is required");
  }

  @Test
  void failureMessage_renderFailure_failsWhateverFailOnAndSaysWhatToDo() {
    String message =
        AuditLog.failureMessage(
            releaseSet(Severity.OFF, List.of(BROKEN)),
            null,
            "target/katafraktos/katafraktos-audit.md");

    assertThat(message)
        .isEqualTo(
            "1 release could not be rendered: broken (argocd apps/broken.yaml). Fix its chart or"
                + " values (helm's reason is logged above), or remove its declaration; its images"
                + " were not audited, so this fails the build whatever failOn says. Details:"
                + " target/katafraktos/katafraktos-audit.md.");
  }

  @Test
  void failureMessage_renderFailureAndFindings_namesBoth() {
    String message =
        AuditLog.failureMessage(releaseSet(Severity.ERROR, List.of(BROKEN)), "harbor.corp", null);

    assertThat(message)
        .startsWith("1 release could not be rendered: broken (argocd apps/broken.yaml).")
        .contains(
            " 2 image findings at or above error (external-registry 2). Next: add a <mapping>")
        .doesNotContain("set failOn to none");
  }

  private static final RenderFailure BROKEN =
      new RenderFailure(
          "broken",
          declared("broken", null, "apps/broken.yaml", ReleaseOrigin.Kind.ARGOCD),
          "template: broken/templates/x.yaml:1: image is required");

  /** web [prod] (Argo CD) and api [dev] (a chart directory), both with nginx from Docker Hub. */
  private static AuditResult releaseSet(Severity failOn, List<RenderFailure> failures) {
    List<ChartInventory> charts = new ArrayList<>();
    List<AuditSubject> subjects = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (dev.katafraktos.model.Release r :
        List.of(
            declared("web", "prod", "apps/web-prod.yaml", ReleaseOrigin.Kind.ARGOCD),
            declared("api", "dev", "charts/api/Chart.yaml", ReleaseOrigin.Kind.CHART_DIR))) {
      String label = r.name() + " [" + r.environment() + "]";
      charts.add(new ChartInventory(label, r.name(), r.name(), "default", List.of(), List.of(), r));
      ImageRef ref = ImageRef.tryParseNormalized("nginx:1.27").orElseThrow();
      subjects.add(AuditSubject.unchecked(label, "nginx:1.27", ref, List.of(), null));
      findings.add(
          new Finding(
              "external-registry",
              Severity.ERROR,
              label,
              "nginx:1.27",
              "docker.io/library/nginx:1.27 is pulled from Docker Hub",
              null));
    }
    return new AuditResult(new Inventory(charts, failures), subjects, findings, failOn, true);
  }

  private static dev.katafraktos.model.Release declared(
      String name, String environment, String file, ReleaseOrigin.Kind kind) {
    return dev.katafraktos.model.Release.of(
        name,
        null,
        Path.of("charts", name),
        List.of(),
        environment,
        ReleaseOrigin.of(Path.of(file), kind));
  }

  private static AuditResult result(Severity failOn, Finding... findings) {
    List<AuditSubject> subjects = new ArrayList<>();
    for (Finding f : findings) {
      ImageRef ref = ImageRef.tryParseNormalized(f.image()).orElseThrow();
      subjects.add(AuditSubject.unchecked(f.chart(), f.image(), ref, List.of(), null));
    }
    return new AuditResult(new Inventory(List.of()), subjects, List.of(findings), failOn, true);
  }

  /** Keeps what was logged as "level message". */
  private static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      lines.add("info " + content);
    }

    @Override
    public void warn(CharSequence content) {
      lines.add("warn " + content);
    }

    @Override
    public void error(CharSequence content) {
      lines.add("error " + content);
    }
  }
}
