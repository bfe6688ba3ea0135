package dev.katafraktos.releases;

/**
 * A declaration that cannot become a release; the message is the reason a {@link Skipped} shows.
 */
final class Unusable extends Exception {
  private static final long serialVersionUID = 1L;

  Unusable(String reason) {
    super(reason);
  }
}
