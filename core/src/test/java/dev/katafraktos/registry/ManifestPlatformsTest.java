package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestPlatformsTest {

  @Test
  void platforms_ofIndexWithVariantAndAttestation_listsRealPlatformsOnly() throws Exception {
    String index =
        """
        {"schemaVersion":2,"manifests":[
          {"digest":"sha256:a","platform":{"os":"linux","architecture":"amd64"}},
          {"digest":"sha256:b","platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
          {"digest":"sha256:c","platform":{"os":"unknown","architecture":"unknown"}}]}
        """;

    ManifestPlatforms m = ManifestPlatforms.parse(index.getBytes(StandardCharsets.UTF_8));

    assertThat(m.mediaType()).isEqualTo(ManifestPlatforms.OCI_INDEX);
    assertThat(m.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
  }

  @Test
  void platforms_ofSingleImage_isEmpty() throws Exception {
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + ManifestPlatforms.DOCKER_MANIFEST
            + "\",\"layers\":[]}";

    ManifestPlatforms m = ManifestPlatforms.parse(manifest.getBytes(StandardCharsets.UTF_8));

    assertThat(m.mediaType()).isEqualTo(ManifestPlatforms.DOCKER_MANIFEST);
    assertThat(m.platforms()).isEmpty();
  }
}
