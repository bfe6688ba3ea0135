package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.TestRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registry without authentication, over plain HTTP (listed as insecure). */
class RegistryOpenIT {
  private static TestRegistry registry;
  private static Map<String, String> digests;

  @BeforeAll
  static void start() {
    registry = TestRegistry.start(TestRegistry.Mode.OPEN);
    digests = registry.seed();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static ImageChecker checker() throws RegistryConfigurationException {
    return Registries.checker(
        RegistrySettings.builder().insecureHosts(Set.of(registry.host())).build());
  }

  static ImageRef ref(String host, String rest) {
    return ImageRef.tryParseNormalized(host + "/" + rest).orElseThrow();
  }

  @Test
  void check_dockerImage_isPresentWithDigestAndMediaType() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "library/busybox:1.36"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digests.get("library/busybox:1.36"));
      assertThat(c.mediaType()).isEqualTo(ManifestPlatforms.DOCKER_MANIFEST);
      // a single image's platform comes from its config blob
      assertThat(c.platforms()).containsExactly("linux/amd64");
      assertThat(c.message()).isNull();
    }
  }

  @Test
  void check_ociIndex_listsItsPlatforms() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "team/multi:1.0"));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digests.get("team/multi:1.0"));
      assertThat(c.mediaType()).isEqualTo(ManifestPlatforms.OCI_INDEX);
      assertThat(c.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void check_dockerManifestList_listsItsPlatforms() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "library/alpine:3.20"));

      assertThat(c.digest()).isEqualTo(digests.get("library/alpine:3.20"));
      assertThat(c.mediaType()).isEqualTo(ManifestPlatforms.DOCKER_LIST);
      assertThat(c.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void check_ociManifestByDigest_isPresent() throws Exception {
    String digest = digests.get("team/app:1.0.0");
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "team/app@" + digest));

      assertThat(c.availability()).isEqualTo(Availability.PRESENT);
      assertThat(c.digest()).isEqualTo(digest);
      assertThat(c.mediaType()).isEqualTo(ManifestPlatforms.OCI_MANIFEST);
    }
  }

  @Test
  void check_unknownTag_isMissing() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "library/busybox:9.9.9"));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
      assertThat(c.message()).contains("not found").contains("MANIFEST_UNKNOWN");
    }
  }

  @Test
  void check_unknownDigest_isMissing() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c =
          checker.check(ref(registry.host(), "library/busybox@sha256:" + "0".repeat(64)));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
    }
  }

  @Test
  void check_unknownRepository_isMissing() throws Exception {
    try (ImageChecker checker = checker()) {
      ImageCheck c = checker.check(ref(registry.host(), "nobody/nothing:1"));

      assertThat(c.availability()).isEqualTo(Availability.MISSING);
      assertThat(c.message()).contains("nobody/nothing");
    }
  }

  @Test
  void checkAll_duplicates_areCheckedOnceAndKeyedAsGiven() throws Exception {
    ImageRef a = ref(registry.host(), "library/busybox:latest");
    ImageRef b = ref(registry.host(), "library/alpine:latest");
    try (ImageChecker checker = checker()) {
      Map<ImageRef, ImageCheck> results = checker.checkAll(List.of(a, b, a, b, a));

      assertThat(results).containsOnlyKeys(a, b);
      assertThat(results.get(a).digest()).isEqualTo(digests.get("library/busybox:latest"));
      assertThat(checker.check(a)).isSameAs(results.get(a));
    }
  }

  @Test
  void check_plainHttpHostNotListedInsecure_isUnreachable() throws Exception {
    try (ImageChecker checker = Registries.checker(RegistrySettings.defaults())) {
      ImageCheck c = checker.check(ref(registry.host(), "library/busybox:1.36"));

      assertThat(c.availability()).isEqualTo(Availability.UNREACHABLE);
      assertThat(c.message()).contains(registry.host());
    }
  }
}
