package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarborPathsTest {

  @Test
  void artifact_nestedRepository_isEncodedTwice() {
    assertThat(HarborPaths.artifact("library", "bitnami/nginx", "1.27"))
        .isEqualTo(
            "/api/v2.0/projects/library/repositories/bitnami%252Fnginx/artifacts/1.27"
                + "?with_scan_overview=true");
  }

  @Test
  void artifact_digestReference_keepsTheColon() {
    assertThat(HarborPaths.artifact("library", "nginx", "sha256:abc"))
        .isEqualTo(
            "/api/v2.0/projects/library/repositories/nginx/artifacts/sha256:abc"
                + "?with_scan_overview=true");
  }

  @Test
  void segment_reservedAndNonAsciiCharacters_arePercentEncoded() {
    assertThat(HarborPaths.segment("a b/c?d#e%f+g")).isEqualTo("a%20b%2Fc%3Fd%23e%25f%2Bg");
    assertThat(HarborPaths.segment("ü")).isEqualTo("%C3%BC");
    assertThat(HarborPaths.project("team a")).isEqualTo("/api/v2.0/projects/team%20a");
  }
}
