package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry with HTTP Basic auth (htpasswd), over plain HTTP. */
class RegistryBasicAuthIT {
  private static TestRegistry registry;
  private static Map<String, String> digests;

  @BeforeAll
  static void start() {
    registry = TestRegistry.start(TestRegistry.Mode.HTPASSWD);
    digests = registry.seed();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void check_rightPassword_isPresent() throws Exception {
    try (ImageChecker checker =
        registry.checker(registry.login(registry.user(), registry.password()))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/multi:1.0"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digests.get("team/multi:1.0"));
      assertThat(c.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void check_credentialsFromDockerConfigAuths_isPresent(@TempDir Path dir) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (registry.user() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("config.json"),
        "{\"auths\":{\"https://" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    try (ImageChecker checker =
        registry.checker(
            DockerConfigCredentials.standard(Map.of("DOCKER_CONFIG", dir.toString())))) {
      assertThat(checker.check(ref(registry.host(), "team/app:1.0.0")).availability())
          .isEqualTo(Availability.PRESENT);
    }
  }

  @Test
  void check_wrongPassword_isUnauthorized() throws Exception {
    try (ImageChecker checker = registry.checker(registry.login(registry.user(), "wrong"))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:1.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
      assertThat(c.message()).contains("401").doesNotContain("wrong");
    }
  }

  @Test
  void check_noCredentials_isUnauthorized() throws Exception {
    try (ImageChecker checker = registry.checker(RegistryCredentials.anonymous())) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:1.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
    }
  }

  @Test
  void check_unknownTagWithRightPassword_isMissing() throws Exception {
    try (ImageChecker checker =
        registry.checker(registry.login(registry.user(), registry.password()))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:0.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
    }
  }
}
