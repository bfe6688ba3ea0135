package dev.katafraktos.cli;

import org.junit.jupiter.api.Assumptions;

/**
 * What core's {@code RealTools.missing} does, for the cli tests (core's test classes are not on
 * their class path): a missing real part fails with {@code CI=true}, else skips, saying how to
 * install it.
 */
final class RealParts {
  private RealParts() {}

  static void missing(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }
}
