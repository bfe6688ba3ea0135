package dev.katafraktos.maven;

/** A plugin configuration that cannot be used; the message is one line that names the value. */
final class ConfigurationError extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigurationError(String message) {
    super(message);
  }
}
