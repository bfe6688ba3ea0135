package dev.katafraktos.registry;

/** A registry setting that cannot be used (a CA file that is missing or not PEM, ...). */
public final class RegistryConfigurationException extends Exception {

  public RegistryConfigurationException(String message) {
    super(message);
  }

  public RegistryConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
