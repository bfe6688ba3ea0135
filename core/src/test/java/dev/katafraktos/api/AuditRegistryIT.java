package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.RealTools;
import dev.katafraktos.testsupport.TestRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit end to end against a real registry: the README's example chart, mapped to a registry
 * seeded with two of its four images. Exactly those two are present; the others are missing.
 */
class AuditRegistryIT {

  @Test
  void audit_mappedToSeededRegistry_seededImagesPresentTheRestMissing() throws Exception {
    try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.OPEN)) {
      String host = registry.host();
      registry.seed(
          "dockerhub/library/nginx:1.27.4=docker",
          "quay/curl/curl:8.12.1=oci-index:linux/amd64,linux/arm64");
      AuditConfig config =
          AuditConfig.builder()
              .registry(host)
              .mapping(Mapping.parse("docker.io=" + host + "/dockerhub"))
              .mapping(Mapping.parse("quay.io=" + host + "/quay"))
              .insecureRegistry(host)
              .requiredPlatforms(List.of("linux/amd64", "linux/arm64"))
              .build();
      AuditRequest request =
          new AuditRequest(
              List.of(RealTools.testdata().resolve("charts/example")),
              RenderOptions.defaults(),
              config,
              false,
              null);

      AuditResult result = Katafraktos.create().audit(request);

      Map<String, Availability> targets =
          result.subjects().stream()
              .collect(Collectors.toMap(AuditSubject::image, s -> s.targetCheck().availability()));
      assertThat(targets)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "nginx:1.27.4", Availability.PRESENT,
                  "quay.io/curl/curl:8.12.1", Availability.PRESENT,
                  "busybox:1.37.0", Availability.MISSING,
                  "redis:7.4.2", Availability.MISSING));
      assertThat(
              result.findings().stream()
                  .filter(f -> f.ruleId().equals("missing-in-registry"))
                  .map(Finding::image))
          .containsExactlyInAnyOrder("busybox:1.37.0", "redis:7.4.2");
      // nginx was seeded as a single linux/amd64 image, curl as an amd64+arm64 index
      assertThat(
              result.findings().stream()
                  .filter(f -> f.ruleId().equals("platform-missing"))
                  .map(Finding::image))
          .containsExactly("nginx:1.27.4");
      AuditSubject curl =
          result.subjects().stream()
              .filter(s -> s.image().startsWith("quay.io/curl"))
              .findFirst()
              .orElseThrow();
      assertThat(curl.targetCheck().platforms()).contains("linux/amd64", "linux/arm64");
      assertThat(result.failed()).isTrue();
    }
  }
}
