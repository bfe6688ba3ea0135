package dev.katafraktos.policy;

/**
 * A configuration value that cannot be used: a bad mapping, an unknown key or rule id, malformed
 * YAML, an inline secret. The message is one line and names the value (and the file position when
 * it came from a file).
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
