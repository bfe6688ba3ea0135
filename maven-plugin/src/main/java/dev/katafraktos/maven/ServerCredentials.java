package dev.katafraktos.maven;

import dev.katafraktos.api.RegistryLogin;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from a {@code <server>} of {@code settings.xml}, its password decrypted the
 * Maven way ({@code mvn --encrypt-password}, {@code settings-security.xml}). Nothing here ever puts
 * the password in a message.
 */
final class ServerCredentials {
  private ServerCredentials() {}

  /**
   * The login for {@code registry} from the server {@code serverId}, or {@code null} when no server
   * id is configured.
   */
  static RegistryLogin login(
      String serverId, String registry, Settings settings, SettingsDecrypter decrypter)
      throws ConfigurationError {
    if (serverId == null || serverId.isBlank()) {
      return null;
    }
    Server server = settings == null ? null : settings.getServer(serverId.trim());
    if (server == null) {
      throw new ConfigurationError(
          "No <server> with id '"
              + serverId
              + "' in settings.xml; add one with the registry's <username> and <password>,"
              + " or remove serverId");
    }
    if (registry == null) {
      throw new ConfigurationError(
          "serverId '"
              + serverId
              + "' needs <registry> (or registry: in katafraktos.yaml) to know which registry its"
              + " credentials are for");
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new ConfigurationError(
            "Cannot decrypt the password of <server> '"
                + serverId
                + "' ("
                + problem.getMessage()
                + "); check settings-security.xml (see mvn --encrypt-master-password)");
      }
    }
    Server decrypted = result.getServer() == null ? server : result.getServer();
    if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
      throw new ConfigurationError(
          "<server> '" + serverId + "' in settings.xml needs both <username> and <password>");
    }
    return new RegistryLogin(registry, decrypted.getUsername(), decrypted.getPassword());
  }
}
