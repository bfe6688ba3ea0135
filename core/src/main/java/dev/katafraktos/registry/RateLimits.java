package dev.katafraktos.registry;

import dev.katafraktos.model.RateLimit;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * Docker Hub's {@code ratelimit-limit: 100;w=21600} and {@code ratelimit-remaining: 76;w=21600}
 * (https://docs.docker.com/docker-hub/usage/pulls/).
 */
final class RateLimits {
  private RateLimits() {}

  static RateLimit from(HttpHeaders headers) {
    Optional<String> limit = headers.firstValue("ratelimit-limit");
    Optional<String> remaining = headers.firstValue("ratelimit-remaining");
    if (limit.isEmpty() || remaining.isEmpty()) {
      return null;
    }
    return parse(limit.get(), remaining.get());
  }

  static RateLimit parse(String limit, String remaining) {
    try {
      return new RateLimit(count(limit), count(remaining), window(limit));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int count(String value) {
    return Integer.parseInt(value.split(";", 2)[0].trim());
  }

  private static int window(String value) {
    for (String part : value.split(";")) {
      String p = part.trim();
      if (p.startsWith("w=")) {
        return Integer.parseInt(p.substring(2).trim());
      }
    }
    return 0;
  }
}
