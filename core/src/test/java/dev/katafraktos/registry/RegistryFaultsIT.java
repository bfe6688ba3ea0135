package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.TestRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault proxy in front of an open registry: Harbor's 404 body, injected 429 (with Retry-After:
 * 1), 500 and 403; and a registry probed with HEAD only, as Docker Hub is.
 */
class RegistryFaultsIT {
  private static TestRegistry registry;
  private static Map<String, String> digests;

  @BeforeAll
  static void start() {
    registry =
        TestRegistry.start(
            TestRegistry.Mode.OPEN,
            "--harbor-404",
            "--fail",
            "limited/*=429",
            "--fail",
            "broken/*=500",
            "--fail",
            "denied/*=403");
    digests = registry.seed();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistrySettings.Builder settings() {
    return RegistrySettings.builder().insecureHosts(Set.of(registry.proxyHost()));
  }

  private static long requests(String method, String path) {
    return registry.proxyRequests().stream().filter(r -> r.equals(method + " " + path)).count();
  }

  @Test
  void check_harborNotFoundBody_isMissing() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().build())) {
      ImageCheck c = checker.check(ref(registry.proxyHost(), "team/app:9.9"));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
      assertThat(c.message()).contains("NOT_FOUND: artifact team/app:9.9 not found");
    }
  }

  @Test
  void check_tooManyRequests_retriesAfterRetryAfterThenIsError() throws Exception {
    RegistrySettings s = settings().maxRetries(2).build();
    long start = System.nanoTime();
    ImageCheck c;
    try (ImageChecker checker = Registries.checker(s)) {
      c = checker.check(ref(registry.proxyHost(), "limited/app:1"));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(c.availability()).isEqualTo(Availability.ERROR);
    assertThat(c.message())
        .contains("429")
        .contains("TOO_MANY_REQUEST")
        .contains("after 2 retries");
    assertThat(requests("GET", "/v2/limited/app/manifests/1")).isEqualTo(3);
    assertThat(took)
        .as("two waits of Retry-After: 1")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void check_serverError_isErrorWithRegistryMessage() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().maxRetries(1).build())) {
      ImageCheck c = checker.check(ref(registry.proxyHost(), "broken/app:1"));

      assertThat(c.availability()).isEqualTo(Availability.ERROR);
      assertThat(c.message()).contains("500").contains("injected 500 for broken/app");
    }
    assertThat(requests("GET", "/v2/broken/app/manifests/1")).isEqualTo(2);
  }

  @Test
  void check_forbidden_isUnauthorized() throws Exception {
    try (ImageChecker checker = Registries.checker(settings().build())) {
      ImageCheck c = checker.check(ref(registry.proxyHost(), "denied/app:1"));

      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
      assertThat(c.message()).contains("DENIED");
    }
  }

  @Test
  void checkAll_headOnlyRegistry_sendsNoManifestGet() throws Exception {
    RegistrySettings s = settings().headOnlyRegistries(Set.of(registry.proxyHost())).build();
    List<ImageRef> refs =
        List.of(
            ref(registry.proxyHost(), "library/busybox:latest"),
            ref(registry.proxyHost(), "team/multi:1.0"),
            ref(registry.proxyHost(), "team/multi:absent"));

    Map<ImageRef, ImageCheck> results;
    try (ImageChecker checker = Registries.checker(s)) {
      results = checker.checkAll(refs);
    }

    assertThat(results.get(refs.get(0)).availability()).isEqualTo(Availability.PRESENT);
    assertThat(results.get(refs.get(0)).digest()).isEqualTo(digests.get("library/busybox:latest"));
    assertThat(results.get(refs.get(1)).mediaType()).isEqualTo(ManifestPlatforms.OCI_INDEX);
    assertThat(results.get(refs.get(2)).availability()).isEqualTo(Availability.MISSING);
    assertThat(requests("GET", "/v2/library/busybox/manifests/latest")).isZero();
    assertThat(requests("GET", "/v2/team/multi/manifests/1.0")).isZero();
    assertThat(requests("GET", "/v2/team/multi/manifests/absent")).isZero();
    assertThat(requests("HEAD", "/v2/library/busybox/manifests/latest")).isEqualTo(1);
    assertThat(requests("HEAD", "/v2/team/multi/manifests/1.0")).isEqualTo(1);
  }
}
