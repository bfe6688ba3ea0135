package dev.katafraktos.report;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ContainerType;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.policy.PolicyEngine;
import java.util.List;

/** One audit with a bit of everything, including secrets a registry message might leak. */
final class AuditFixtures {
  static final String SECRET = "s3cr3t-t0ken";
  static final String HARBOR = "harbor.example.com";

  private AuditFixtures() {}

  static AuditReport report() throws Exception {
    AuditConfig config =
        AuditConfig.builder()
            .registry(HARBOR)
            .mapping(Mapping.parse("docker.io=harbor.example.com/hub"))
            .requiredPlatforms(List.of("linux/amd64", "linux/arm64"))
            .build();
    List<AuditSubject> subjects =
        List.of(
            subject(
                "charts/app",
                "nginx:1.27",
                Availability.PRESENT,
                Availability.MISSING,
                "GET https://robot:"
                    + SECRET
                    + "@harbor.example.com/v2/"
                    + " failed; Authorization: Bearer "
                    + SECRET
                    + " | token="
                    + SECRET),
            subject("charts/app", "busybox", Availability.PRESENT, Availability.PRESENT, null),
            present("charts/app", HARBOR + "/team/api:2.0", "linux/amd64", "linux/arm64"),
            invalid("charts/app", "NOT A <ref>"),
            present("charts/other app", HARBOR + "/team/worker:1", "linux/amd64"),
            subject(
                "charts/other app",
                "nginx:1.27",
                Availability.PRESENT,
                Availability.PRESENT,
                null));
    PolicyEngine engine = new PolicyEngine(config.policyConfig());
    return AuditReport.of(subjects, engine.evaluate(subjects));
  }

  static AuditReport offline() throws Exception {
    List<AuditSubject> subjects =
        List.of(
            AuditSubject.unchecked(
                "charts/app",
                "nginx",
                ref("nginx"),
                List.of(occurrence("nginx")),
                ref("harbor.example.com/hub/library/nginx")));
    return AuditReport.of(
        subjects,
        new PolicyEngine(
                AuditConfig.builder()
                    .mapping(Mapping.parse("docker.io=harbor.example.com/hub"))
                    .build()
                    .policyConfig())
            .evaluate(subjects));
  }

  private static AuditSubject subject(
      String chart, String image, Availability source, Availability target, String message)
      throws Exception {
    ImageRef ref = ref(image);
    ImageRef mapped = Mapping.parse("docker.io=harbor.example.com/hub").target(ref).orElseThrow();
    return new AuditSubject(
        chart,
        image,
        ref,
        List.of(occurrence(image)),
        mapped,
        new ImageCheck(ref, source, null, null, List.of(), null, new RateLimit(100, 61, 21600)),
        new ImageCheck(mapped, target, null, null, List.of(), message, null),
        null);
  }

  private static AuditSubject present(String chart, String image, String... platforms) {
    ImageRef ref = ref(image);
    return new AuditSubject(
        chart,
        image,
        ref,
        List.of(occurrence(image)),
        null,
        new ImageCheck(
            ref,
            Availability.PRESENT,
            "sha256:" + "a".repeat(64),
            "application/vnd.oci.image.index.v1+json",
            List.of(platforms),
            null,
            null),
        null,
        null);
  }

  private static AuditSubject invalid(String chart, String image) {
    return new AuditSubject(chart, image, null, List.of(occurrence(image)), null, null, null, null);
  }

  static ImageOccurrence occurrence(String image) {
    return new ImageOccurrence(
        image,
        image,
        "Deployment",
        "web",
        "default",
        "web",
        ContainerType.CONTAINER,
        "app/templates/my deployment.yaml",
        "/spec/template/spec/containers/0/image",
        Origin.POD);
  }

  static ImageRef ref(String image) {
    return ImageRef.tryParseNormalized(image).orElseThrow().withDefaultTag();
  }
}
