package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

  @Test
  void message_harborNotFound_givesCodeAndMessage() {
    byte[] body =
        "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"artifact p/r:t not found\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(RegistryErrors.message(body)).isEqualTo("NOT_FOUND: artifact p/r:t not found");
  }

  @Test
  void message_plainText_givesFirstLine() {
    assertThat(RegistryErrors.message("bad gateway\nmore".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("bad gateway");
  }

  @Test
  void message_empty_saysNoDetails() {
    assertThat(RegistryErrors.message(new byte[0])).isEqualTo("no details");
  }
}
