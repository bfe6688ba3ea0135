package dev.katafraktos.registry;

/** Entry point of the registry package. */
public final class Registries {

  private Registries() {}

  /**
   * A checker for one run.
   *
   * @throws RegistryConfigurationException when a setting cannot be used (CA file missing or not
   *     PEM)
   */
  public static ImageChecker checker(RegistrySettings settings)
      throws RegistryConfigurationException {
    return new ConcurrentImageChecker(settings, RegistryTransport.create(settings));
  }
}
