package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer token auth as Harbor does it; {@code library/*} may be pulled anonymously. */
class RegistryTokenAuthIT {
  private static final List<String> EXTRA_TAGS =
      List.of("1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6", "1.0.7", "1.0.8");
  private static TestRegistry registry;
  private static Map<String, String> digests;

  @BeforeAll
  static void start() {
    registry = TestRegistry.start(TestRegistry.Mode.TOKEN, "--anonymous-pull", "library/*");
    digests =
        registry.seed(
            EXTRA_TAGS.stream().map(t -> "team/app:" + t + "=tag:1.0.0").toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void check_tokenWithRightPassword_isPresent() throws Exception {
    try (ImageChecker checker =
        registry.checker(registry.login(registry.user(), registry.password()))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/multi:1.0"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digests.get("team/multi:1.0"));
      assertThat(c.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void check_credentialsFromDockerConfigHelper_isPresent(@TempDir Path dir) throws Exception {
    Path helper = dir.resolve("docker-credential-katafraktos-test");
    Files.writeString(
        helper,
        "#!/bin/sh\nread -r server\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\""
            + registry.user()
            + "\",\"Secret\":\""
            + registry.password()
            + "\"}' \"$server\"\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Path config =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"credHelpers\":{\"" + registry.host() + "\":\"katafraktos-test\"}}");
    RegistryCredentials fromConfig =
        new DockerConfigCredentials(config, Map.of("PATH", dir.toString()));

    try (ImageChecker checker = registry.checker(fromConfig)) {
      assertThat(checker.check(ref(registry.host(), "team/app:1.0.0")).availability())
          .isEqualTo(Availability.PRESENT);
    }
  }

  @Test
  void check_wrongPassword_isUnauthorized() throws Exception {
    try (ImageChecker checker = registry.checker(registry.login(registry.user(), "wrong"))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:1.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
      assertThat(c.message())
          .contains("refused " + registry.user() + ":****")
          .doesNotContain("wrong");
    }
  }

  @Test
  void check_anonymousOnProjectWithoutAnonymousPull_isUnauthorized() throws Exception {
    try (ImageChecker checker = registry.checker(RegistryCredentials.anonymous())) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:1.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
    }
  }

  @Test
  void check_anonymousOnPublicProject_isPresent() throws Exception {
    try (ImageChecker checker = registry.checker(RegistryCredentials.anonymous())) {
      ImageCheck c = checker.check(ref(registry.host(), "library/busybox:1.36"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    }
  }

  @Test
  void check_unknownTagWithToken_isMissing() throws Exception {
    try (ImageChecker checker =
        registry.checker(registry.login(registry.user(), registry.password()))) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app:0.0.0"));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
    }
  }

  @Test
  void checkAll_manyImages_fetchesOneTokenPerRepository() throws Exception {
    List<ImageRef> refs = new ArrayList<>();
    for (String tag : EXTRA_TAGS) {
      refs.add(ref(registry.host(), "team/app:" + tag));
      refs.add(ref(registry.host(), "team/multi:missing-" + tag));
    }
    refs.add(ref(registry.host(), "library/alpine:3.20"));
    refs.add(ref(registry.host(), "library/alpine:latest"));
    int before = registry.tokensIssued();

    Map<ImageRef, ImageCheck> results;
    try (ImageChecker checker =
        registry.checker(registry.login(registry.user(), registry.password()))) {
      results = checker.checkAll(refs);
    }

    assertThat(results).hasSize(refs.size());
    assertThat(results.values())
        .allSatisfy(
            c -> assertThat(c.availability()).isIn(Availability.PRESENT, Availability.MISSING));
    assertThat(registry.tokensIssued() - before).as("tokens for 3 repositories").isEqualTo(3);
  }
}
