package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.testsupport.TestRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS with a certificate from a test CA, Bearer tokens from an HTTPS token service. */
class RegistryTlsIT {
  private static TestRegistry registry;
  private static Map<String, String> digests;

  @BeforeAll
  static void start() {
    registry = TestRegistry.start(TestRegistry.Mode.TOKEN, "--tls");
    digests = registry.seed();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistrySettings.Builder settings() {
    return RegistrySettings.builder()
        .credentials(
            RegistryCredentials.explicit(
                Map.of(
                    registry.host(),
                    new RegistryCredential(registry.user(), registry.password()))));
  }

  @Test
  void check_caFileGiven_isPresent() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().caFile(registry.caCert()).build())) {
      ImageCheck c = checker.check(ref(registry.host(), "library/alpine:3.20"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digests.get("library/alpine:3.20"));
      assertThat(c.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void check_caFileGiven_unknownTagIsMissing() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().caFile(registry.caCert()).build())) {
      assertThat(checker.check(ref(registry.host(), "library/alpine:0")).availability())
          .isEqualTo(Availability.MISSING);
    }
  }

  @Test
  void check_untrustedCertificate_isUnreachableWithCaHint() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().build())) {
      ImageCheck c = checker.check(ref(registry.host(), "library/alpine:3.20"));

      assertThat(c.availability()).isEqualTo(Availability.UNREACHABLE);
      assertThat(c.message())
          .startsWith("TLS with registry " + registry.host())
          .contains("--ca-file");
    }
  }
}
