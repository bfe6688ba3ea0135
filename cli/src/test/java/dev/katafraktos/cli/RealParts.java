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

  /**
   * Fails (CI) or skips when {@code tool --version} does not run; {@code hint} says how to get it.
   */
  static void requireTool(String tool, String hint) {
    try {
      Process p =
          new ProcessBuilder(tool, "--version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
    } catch (java.io.IOException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    missing(tool + " not found on the PATH; " + hint);
  }
}
