package dev.katafraktos.releases;

/**
 * A {@code releases:} section that cannot be used: malformed YAML, an unknown key, a missing chart
 * or values file. The message is one line and starts with {@code file:line:column}.
 */
public class ReleaseConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReleaseConfigException(String message) {
    super(message);
  }
}
