package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.api.RegistryLogin;
import java.util.List;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

class ServerCredentialsTest {
  private static final String ENCRYPTED = "{COQLCE6DU6GtcS5P=}";
  private static final String PASSWORD = "Pull-Only-s3cret";

  private final Settings settings = new Settings();

  ServerCredentialsTest() {
    Server server = new Server();
    server.setId("harbor");
    server.setUsername("robot$ci");
    server.setPassword(ENCRYPTED);
    settings.addServer(server);
  }

  @Test
  void login_serverId_decryptsThePasswordForTheRegistry() throws Exception {
    RegistryLogin login =
        ServerCredentials.login("harbor", "harbor.example.com", settings, decrypting(null));

    assertThat(login.registry()).isEqualTo("harbor.example.com");
    assertThat(login.username()).isEqualTo("robot$ci");
    assertThat(login.password()).isEqualTo(PASSWORD);
    assertThat(login.toString()).doesNotContain(PASSWORD).contains("robot$ci:****");
  }

  @Test
  void login_noServerId_isNone() throws Exception {
    assertThat(ServerCredentials.login(" ", "harbor.example.com", settings, decrypting(null)))
        .isNull();
  }

  @Test
  void login_unknownServer_saysWhereToAddIt() {
    assertThatThrownBy(
            () ->
                ServerCredentials.login("nexus", "harbor.example.com", settings, decrypting(null)))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage(
            "No <server> with id 'nexus' in settings.xml; add one with the registry's <username>"
                + " and <password>, or remove serverId");
  }

  @Test
  void login_noRegistry_saysTheCredentialsNeedOne() {
    assertThatThrownBy(() -> ServerCredentials.login("harbor", null, settings, decrypting(null)))
        .hasMessageStartingWith("serverId 'harbor' needs <registry>");
  }

  @Test
  void login_undecryptable_failsWithoutShowingThePassword() {
    SettingsProblem problem =
        new DefaultSettingsProblem(
            "Failed to decrypt password for server harbor: no master password",
            SettingsProblem.Severity.ERROR,
            "server: harbor",
            -1,
            -1,
            null);

    assertThatThrownBy(
            () ->
                ServerCredentials.login(
                    "harbor", "harbor.example.com", settings, decrypting(problem)))
        .hasMessage(
            "Cannot decrypt the password of <server> 'harbor' (Failed to decrypt password for"
                + " server harbor: no master password); check settings-security.xml (see mvn"
                + " --encrypt-master-password)")
        .message()
        .doesNotContain(PASSWORD);
  }

  /** A decrypter that knows one encrypted password, or reports {@code problem}. */
  private static SettingsDecrypter decrypting(SettingsProblem problem) {
    return (SettingsDecryptionRequest request) ->
        new SettingsDecryptionResult() {
          @Override
          public Server getServer() {
            Server server = request.getServers().get(0).clone();
            if (ENCRYPTED.equals(server.getPassword())) {
              server.setPassword(PASSWORD);
            }
            return server;
          }

          @Override
          public List<Server> getServers() {
            return List.of(getServer());
          }

          @Override
          public org.apache.maven.settings.Proxy getProxy() {
            return null;
          }

          @Override
          public List<org.apache.maven.settings.Proxy> getProxies() {
            return List.of();
          }

          @Override
          public List<SettingsProblem> getProblems() {
            return problem == null ? List.of() : List.of(problem);
          }
        };
  }
}
