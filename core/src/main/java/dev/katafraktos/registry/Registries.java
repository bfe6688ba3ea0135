package dev.katafraktos.registry;

import java.net.URI;
import javax.net.ssl.SSLContext;

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

  /**
   * A copier for one run (see {@link ImageCopier}).
   *
   * @throws RegistryConfigurationException when a setting cannot be used (CA file missing or not
   *     PEM)
   */
  public static ImageCopier copier(RegistrySettings settings, ImageCopier.Options options)
      throws RegistryConfigurationException {
    return new ImageCopier(RegistryTransport.create(settings), options);
  }

  /**
   * A client of the Harbor API on {@code registryHost} ({@code host[:port]} as in an image
   * reference), with the transport settings the checker uses: plain HTTP for insecure hosts, the CA
   * file, the host's credential.
   */
  public static HarborClient harbor(String registryHost, RegistrySettings settings)
      throws RegistryConfigurationException {
    boolean insecure = settings.insecureHosts().contains(registryHost);
    URI base = URI.create((insecure ? "http://" : "https://") + registryHost);
    HarborCredentials credentials =
        settings
            .credentials()
            .find(registryHost)
            .map(c -> new HarborCredentials(c.username(), c.password()))
            .orElse(null);
    SSLContext tls =
        settings.caFile() == null ? null : TrustedCertificates.context(settings.caFile());
    return new HarborClient(base, credentials, settings.readTimeout(), tls);
  }
}
