package dev.katafraktos.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again after a 429 or 5xx: the server's {@code Retry-After} (seconds or an HTTP date,
 * RFC 9110 section 10.2.3) when it gives one, else exponential backoff with full jitter; never
 * longer than {@code maxDelay}.
 */
final class RetryPolicy {
  private static final Duration BASE = Duration.ofMillis(250);

  private final int maxRetries;
  private final Duration maxDelay;
  private final DoubleSupplier random;

  RetryPolicy(int maxRetries, Duration maxDelay, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.maxDelay = maxDelay;
    this.random = random;
  }

  static boolean retryable(int status) {
    return status == 429 || (status >= 500 && status <= 599 && status != 501);
  }

  /** Whether another try is allowed after {@code retriesDone} retries. */
  boolean mayRetry(int retriesDone) {
    return retriesDone < maxRetries;
  }

  /** How long to wait before retry number {@code retry} (0-based). */
  Duration delay(int retry, String retryAfter, Instant now) {
    Optional<Duration> asked = parseRetryAfter(retryAfter, now);
    Duration d;
    if (asked.isPresent()) {
      // a little jitter on top, so that many clients told "1" do not come back together
      d = asked.get().plusMillis((long) (random.getAsDouble() * 100));
    } else {
      long ceiling = BASE.toMillis() << Math.min(retry, 16);
      d = Duration.ofMillis((long) (ceiling / 2 + random.getAsDouble() * ceiling / 2));
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
