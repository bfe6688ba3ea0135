package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void delay_retryAfterSeconds_isHonoured() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), () -> 0.0);

    assertThat(policy.delay(0, "2", NOW)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void delay_retryAfterHttpDate_waitsUntilThen() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), () -> 0.0);

    assertThat(policy.delay(0, "Tue, 24 Nov 2026 10:00:05 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void delay_retryAfterInThePast_isImmediate() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), () -> 0.0);

    assertThat(policy.delay(0, "Tue, 24 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void delay_retryAfterBeyondMaximum_isCapped() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), () -> 0.0);

    assertThat(policy.delay(0, "3600", NOW)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delay_withoutRetryAfter_growsExponentiallyWithJitter() {
    RetryPolicy low = new RetryPolicy(5, Duration.ofSeconds(30), () -> 0.0);
    RetryPolicy high = new RetryPolicy(5, Duration.ofSeconds(30), () -> 0.999);

    assertThat(low.delay(0, null, NOW)).isEqualTo(Duration.ofMillis(125));
    assertThat(high.delay(0, null, NOW)).isLessThanOrEqualTo(Duration.ofMillis(250));
    assertThat(low.delay(3, "garbage", NOW)).isEqualTo(Duration.ofMillis(1000));
    assertThat(high.delay(3, null, NOW))
        .isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void mayRetry_stopsAtMaxRetries() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(30), () -> 0.0);

    assertThat(policy.mayRetry(0)).isTrue();
    assertThat(policy.mayRetry(1)).isTrue();
    assertThat(policy.mayRetry(2)).isFalse();
  }

  @Test
  void retryable_is429And5xxButNot501() {
    assertThat(RetryPolicy.retryable(429)).isTrue();
    assertThat(RetryPolicy.retryable(503)).isTrue();
    assertThat(RetryPolicy.retryable(501)).isFalse();
    assertThat(RetryPolicy.retryable(404)).isFalse();
  }
}
