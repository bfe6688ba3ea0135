package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
  static final String HARBOR = "harbor.example.com";
  static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final ImageOccurrence WHERE =
      new ImageOccurrence(
          "nginx:1.27",
          "nginx:1.27",
          "Deployment",
          "web",
          null,
          "web",
          null,
          "app/templates/deployment.yaml",
          "/spec/template/spec/containers/0/image",
          Origin.POD);
  static final PolicyConfig CONFIG =
      new PolicyConfig(Set.of(HARBOR), Map.of(), List.of("linux/amd64", "linux/arm64"));

  @Test
  void externalRegistry_dockerHub_saysRateLimited() {
    List<Finding> findings = evaluate(offline("nginx:1.27", null));

    assertThat(findings).extracting(Finding::ruleId).containsExactly("external-registry");
    assertThat(findings.get(0).message())
        .isEqualTo(
            "docker.io/library/nginx:1.27 is pulled from Docker Hub, which rate-limits anonymous"
                + " pulls (100 per 6 h); map docker.io to your Harbor");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(findings.get(0).where()).isEqualTo(WHERE);
    assertThat(findings.get(0).chart()).isEqualTo("charts/app");
  }

  @Test
  void externalRegistry_withMappingAndReportedLimit_namesTargetAndBudget() {
    AuditSubject s =
        subject(
            "nginx:1.27",
            HARBOR + "/hub/library/nginx:1.27",
            check("nginx:1.27", Availability.PRESENT, new RateLimit(100, 42, 21600)),
            check(HARBOR + "/hub/library/nginx:1.27", Availability.PRESENT, null),
            null);

    assertThat(evaluate(s))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "docker.io/library/nginx:1.27 is pulled from Docker Hub, which rate-limits anonymous"
                + " pulls (100 per 6 h, 42 left); rewrite it to"
                + " harbor.example.com/hub/library/nginx:1.27, which is there");
  }

  @Test
  void externalRegistry_otherRegistry_namesIt() {
    assertThat(evaluate(offline("quay.io/org/app:1", null)))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "quay.io/org/app:1 is pulled from quay.io, which is not an allowed registry;"
                + " map quay.io to your Harbor");
  }

  @Test
  void allowedRegistry_noFinding() {
    assertThat(evaluate(offline(HARBOR + "/proj/app:1", null))).isEmpty();
  }

  @Test
  void mutableTag_latestAndNoTag_butNotPinnedOrVersioned() {
    assertThat(rules(offline(HARBOR + "/p/app:latest", null))).containsExactly("mutable-tag");
    assertThat(evaluate(offline(HARBOR + "/p/app", null)))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo("harbor.example.com/p/app has no tag, so it pulls 'latest'; pin a version");
    assertThat(rules(offline(HARBOR + "/p/app:latest@" + DIGEST, null))).isEmpty();
    assertThat(rules(offline(HARBOR + "/p/app:1.0", null))).isEmpty();
  }

  @Test
  void noDigest_offByDefault_reportedWhenEnabled() {
    PolicyConfig on =
        new PolicyConfig(Set.of(HARBOR), Map.of("no-digest", Severity.WARNING), List.of());

    assertThat(rules(offline(HARBOR + "/p/app:1", null))).isEmpty();
    assertThat(new PolicyEngine(on).evaluate(List.of(offline(HARBOR + "/p/app:1", null))))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
        .extracting(Finding::ruleId)
        .isEqualTo("no-digest");
    assertThat(new PolicyEngine(on).evaluate(List.of(offline(HARBOR + "/p/app@" + DIGEST, null))))
        .isEmpty();
  }

  @Test
  void severityOff_silencesRule() {
    PolicyConfig off =
        new PolicyConfig(Set.of(), Map.of("external-registry", Severity.OFF), List.of());

    assertThat(new PolicyEngine(off).evaluate(List.of(offline("nginx:1.27", null)))).isEmpty();
  }

  @Test
  void invalidReference_onlyThatRule() {
    AuditSubject s =
        new AuditSubject("charts/app", "NGINX:1", null, List.of(WHERE), null, null, null, null);

    assertThat(evaluate(s))
        .singleElement()
        .extracting(Finding::ruleId, Finding::message)
        .containsExactly(
            "invalid-reference",
            "'NGINX:1' is not a valid image reference; expected"
                + " [registry[:port]/]repository[:tag][@digest]");
  }

  @Test
  void missingInRegistry_judgesTheTarget() {
    String target = HARBOR + "/hub/library/nginx:1.27";
    AuditSubject missing = mapped(Availability.PRESENT, Availability.MISSING, "manifest unknown");
    AuditSubject present = mapped(Availability.MISSING, Availability.PRESENT, null);

    assertThat(rules(missing)).containsExactly("external-registry", "missing-in-registry");
    assertThat(evaluate(missing).get(1).message())
        .isEqualTo(
            target
                + " (mapped from docker.io/library/nginx:1.27) is not in "
                + HARBOR
                + ": manifest unknown");
    assertThat(rules(present)).containsExactly("external-registry");
  }

  @Test
  void missingInRegistry_imageAlreadyInHarbor_judgesItself() {
    String image = HARBOR + "/p/app:1";
    AuditSubject s = subject(image, null, check(image, Availability.MISSING, null), null, null);

    assertThat(rules(s)).containsExactly("missing-in-registry");
  }

  @Test
  void unauthorized_unreachable_registryError() {
    assertThat(rules(mapped(Availability.PRESENT, Availability.UNAUTHORIZED, "401")))
        .containsExactly("external-registry", "unauthorized");
    assertThat(rules(mapped(Availability.PRESENT, Availability.UNREACHABLE, "timeout")))
        .containsExactly("external-registry", "unreachable");
    assertThat(rules(mapped(Availability.PRESENT, Availability.ERROR, "500")))
        .containsExactly("external-registry", "registry-error");
  }

  @Test
  void blocked_isUnsafeRegistryAnswerWithTheGuardsMessage() {
    AuditSubject s =
        mapped(
            Availability.PRESENT, Availability.BLOCKED, "h:1 sent a manifest over the 4 MiB limit");

    assertThat(rules(s)).containsExactly("external-registry", "unsafe-registry-answer");
    assertThat(evaluate(s).get(1).message())
        .startsWith("stopped checking ")
        .endsWith(": h:1 sent a manifest over the 4 MiB limit");
  }

  @Test
  void offline_onlyStaticRules() {
    AuditSubject s = subject(HARBOR + "/p/app:1", null, null, null, "would refuse? not asked");
    AuditSubject unchecked = subject(HARBOR + "/p/app:1", null, null, null, null);

    assertThat(rules(unchecked)).isEmpty();
    assertThat(rules(s)).containsExactly("harbor-would-refuse");
  }

  @Test
  void platformMissing_whenIndexLacksARequiredPlatform() {
    String image = HARBOR + "/p/app:1";
    ImageCheck amd64Only = platforms(image, "linux/amd64");
    ImageCheck both = platforms(image, "linux/amd64", "linux/arm64/v8");
    ImageCheck unknown = platforms(image);

    assertThat(evaluate(subject(image, null, amd64Only, null, null)))
        .singleElement()
        .extracting(Finding::ruleId, Finding::message)
        .containsExactly("platform-missing", image + " lacks linux/arm64 (it has linux/amd64)");
    assertThat(rules(subject(image, null, both, null, null))).isEmpty();
    assertThat(rules(subject(image, null, unknown, null, null))).isEmpty();
  }

  @Test
  void harborWouldRefuse_fromTheReason() {
    String image = HARBOR + "/p/app:1";
    AuditSubject s =
        subject(
            image,
            null,
            check(image, Availability.PRESENT, null),
            null,
            "the project prevents pulls of images with critical vulnerabilities");

    assertThat(evaluate(s))
        .singleElement()
        .extracting(Finding::ruleId, Finding::message)
        .containsExactly(
            "harbor-would-refuse",
            "Harbor would refuse to serve "
                + image
                + ": the project prevents pulls of images with critical vulnerabilities");
  }

  @Test
  void allowedRegistries_acceptPathPrefixes() {
    PolicyConfig config = new PolicyConfig(Set.of("ghcr.io/myorg"), Map.of(), List.of());

    assertThat(new PolicyEngine(config).evaluate(List.of(offline("ghcr.io/myorg/app:1", null))))
        .isEmpty();
    assertThat(new PolicyEngine(config).evaluate(List.of(offline("ghcr.io/other/app:1", null))))
        .extracting(Finding::ruleId)
        .containsExactly("external-registry");
  }

  private static AuditSubject mapped(Availability source, Availability target, String message) {
    String t = HARBOR + "/hub/library/nginx:1.27";
    return subject(
        "nginx:1.27",
        t,
        check("nginx:1.27", source, null),
        new ImageCheck(ref(t), target, null, null, List.of(), message, null),
        null);
  }

  static AuditSubject offline(String image, String target) {
    return subject(image, target, null, null, null);
  }

  static AuditSubject subject(
      String image, String target, ImageCheck check, ImageCheck targetCheck, String refusal) {
    return new AuditSubject(
        "charts/app",
        image,
        ref(image),
        List.of(WHERE),
        target == null ? null : ref(target),
        check,
        targetCheck,
        refusal);
  }

  static ImageCheck check(String image, Availability a, RateLimit limit) {
    return new ImageCheck(ref(image), a, null, null, List.of(), null, limit);
  }

  static ImageCheck platforms(String image, String... platforms) {
    return new ImageCheck(
        ref(image), Availability.PRESENT, DIGEST, null, List.of(platforms), null, null);
  }

  static ImageRef ref(String s) {
    return ImageRef.tryParseNormalized(s).orElseThrow().withDefaultTag();
  }

  private static List<Finding> evaluate(AuditSubject s) {
    return new PolicyEngine(CONFIG).evaluate(List.of(s));
  }

  private static List<String> rules(AuditSubject s) {
    return evaluate(s).stream().map(Finding::ruleId).toList();
  }
}
