package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MappingTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void target_dockerHubOfficialImage_keepsLibraryAndTag() throws Exception {
    Mapping m = Mapping.parse("docker.io=harbor.example.com/dockerhub-proxy");

    assertThat(m.target(ref("nginx:1.27")).map(ImageRef::toString))
        .hasValue("harbor.example.com/dockerhub-proxy/library/nginx:1.27");
  }

  @Test
  void target_keepsTagAndDigest() throws Exception {
    Mapping m = Mapping.parse("quay.io=harbor.example.com/quay");

    assertThat(m.target(ref("quay.io/prometheus/node-exporter:v1.8@" + DIGEST)).orElseThrow())
        .hasToString("harbor.example.com/quay/prometheus/node-exporter:v1.8@" + DIGEST);
  }

  @Test
  void target_digestOnlyReference_staysDigestOnly() throws Exception {
    Mapping m = Mapping.parse("docker.io=harbor.example.com/hub");

    assertThat(m.target(ref("busybox@" + DIGEST)).orElseThrow())
        .hasToString("harbor.example.com/hub/library/busybox@" + DIGEST);
  }

  @Test
  void target_registriesWithPorts_onBothSides() throws Exception {
    Mapping m = Mapping.parse("localhost:5000=harbor.example.com:8443/local");

    assertThat(m.target(ref("localhost:5000/team/app:2")).orElseThrow())
        .hasToString("harbor.example.com:8443/local/team/app:2");
    assertThat(m.target(ref("localhost:5001/team/app:2"))).isEmpty();
  }

  @Test
  void target_nestedTargetPath() throws Exception {
    Mapping m = Mapping.parse("ghcr.io=harbor.example.com/proxies/github");

    assertThat(m.target(ref("ghcr.io/org/tool:1")).orElseThrow())
        .hasToString("harbor.example.com/proxies/github/org/tool:1");
  }

  @Test
  void target_bareHostTarget_keepsThePath() throws Exception {
    Mapping m = Mapping.parse("registry.k8s.io=mirror.example.com");

    assertThat(m.target(ref("registry.k8s.io/pause:3.9")).orElseThrow())
        .hasToString("mirror.example.com/pause:3.9");
  }

  @Test
  void target_wholeRepositoryMapping() throws Exception {
    Mapping m = Mapping.parse("docker.io/library/nginx=harbor.example.com/web/nginx-mirror");

    assertThat(m.target(ref("nginx:1.27")).orElseThrow())
        .hasToString("harbor.example.com/web/nginx-mirror:1.27");
    assertThat(m.target(ref("nginx-exporter:1"))).isEmpty();
  }

  @Test
  void target_wholeRepositoryOntoBareHost_isNoTarget() throws Exception {
    assertThat(Mapping.parse("docker.io/library/nginx=mirror.example.com").target(ref("nginx:1")))
        .isEmpty();
  }

  @Test
  void matches_onlyAtPathBoundaries() throws Exception {
    Mapping m = Mapping.parse("docker.io/bitnami=harbor.example.com/bitnami");

    assertThat(m.target(ref("bitnami/redis:7"))).isPresent();
    assertThat(m.target(ref("bitnamilegacy/redis:7"))).isEmpty();
  }

  @Test
  void mappings_longestPrefixWins() throws Exception {
    Mappings mappings =
        new Mappings(
            List.of(
                Mapping.parse("docker.io=harbor.example.com/hub"),
                Mapping.parse("docker.io/bitnami=harbor.example.com/bitnami-mirror"),
                Mapping.parse("docker.io/bit=harbor.example.com/wrong")));

    assertThat(mappings.target(ref("bitnami/redis:7")).orElseThrow())
        .hasToString("harbor.example.com/bitnami-mirror/redis:7");
    assertThat(mappings.target(ref("nginx")).orElseThrow())
        .hasToString("harbor.example.com/hub/library/nginx:latest");
    assertThat(mappings.target(ref("quay.io/a/b:1"))).isEmpty();
  }

  @Test
  void parse_trimsSpacesAndTrailingSlashes() throws Exception {
    assertThat(Mapping.parse(" docker.io/ = harbor.example.com/hub/ "))
        .isEqualTo(new Mapping("docker.io", "harbor.example.com/hub"));
  }

  @Test
  void targetRegistry_isTheHost() throws Exception {
    assertThat(Mapping.parse("docker.io=harbor.example.com:8443/hub").targetRegistry())
        .isEqualTo("harbor.example.com:8443");
  }

  @Test
  void parse_withoutEquals_saysWhatIsExpected() {
    assertThatThrownBy(() -> Mapping.parse("docker.io"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "bad mapping 'docker.io': expected SOURCE=TARGET, e.g."
                + " docker.io=harbor.example.com/dockerhub-proxy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=harbor.example.com",
        "docker.io=",
        "docker.io=https://harbor.example.com",
        "docker.io=harbor.example.com/Hub",
        "docker.io:latest=harbor.example.com/hub",
        "docker.io=harbor.example.com/hub:1",
        "nginx=harbor.example.com/hub",
        "docker.io=harbor.example.com/hub@sha256:abc"
      })
  void parse_badSides_throwsConfigException(String text) {
    assertThatThrownBy(() -> Mapping.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad mapping '")
        .hasMessageNotContaining("\n");
  }

  static ImageRef ref(String s) throws Exception {
    return ImageRef.parseNormalized(s).withDefaultTag();
  }
}
