package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.RateLimit;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void parse_dockerHubHeaders_givesLimitRemainingAndWindow() {
    assertThat(RateLimits.parse("100;w=21600", "76;w=21600"))
        .isEqualTo(new RateLimit(100, 76, 21600));
  }

  @Test
  void parse_withoutWindow_isZeroWindow() {
    assertThat(RateLimits.parse("200", "199")).isEqualTo(new RateLimit(200, 199, 0));
  }

  @Test
  void parse_garbage_isNull() {
    assertThat(RateLimits.parse("lots", "some")).isNull();
  }
}
