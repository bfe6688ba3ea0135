package dev.katafraktos.api;

/**
 * A values file changed between reading it and writing the rewrite (another rewrite ran at the same
 * time); nothing was written, and the rewrite plans again from the new text.
 */
final class ValuesChangedException extends KatafraktosException {
  private static final long serialVersionUID = 1L;

  ValuesChangedException(String chart, String message, Throwable cause) {
    super(chart, message, cause);
  }
}
