package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path dir;

  @Test
  void find_authsBase64UnderHttpsKey_decodesUserAndPassword() throws IOException {
    Path config =
        write(
            "{\"auths\":{\"https://harbor.corp:8443\":{\"auth\":\""
                + b64("admin:s3cr:et")
                + "\"}}}");

    RegistryCredentials creds = new DockerConfigCredentials(config, Map.of());

    assertThat(creds.find("harbor.corp:8443")).contains(new RegistryCredential("admin", "s3cr:et"));
    assertThat(creds.find("other.corp")).isEmpty();
  }

  @Test
  void find_dockerHubUnderLegacyIndexKey_isFoundForDockerIo() throws IOException {
    Path config =
        write("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("me:pw") + "\"}}}");

    assertThat(new DockerConfigCredentials(config, Map.of()).find("docker.io"))
        .contains(new RegistryCredential("me", "pw"));
  }

  @Test
  void find_credHelperForRegistry_runsHelperFromPath() throws IOException {
    Path bin = helper("probe", "helper-user", "helper-secret");
    Path config =
        write(
            "{\"credHelpers\":{\"harbor.corp\":\"probe\"},"
                + "\"auths\":{\"harbor.corp\":{\"auth\":\""
                + b64("auths-user:pw")
                + "\"}}}");

    RegistryCredentials creds = new DockerConfigCredentials(config, Map.of("PATH", bin.toString()));

    assertThat(creds.find("harbor.corp"))
        .contains(new RegistryCredential("helper-user", "helper-secret"));
  }

  @Test
  void find_credsStore_isAskedWithTheServerUrl() throws IOException {
    Path bin = helper("store", "store-user", "store-secret");
    Path config = write("{\"credsStore\":\"store\"}");

    RegistryCredentials creds = new DockerConfigCredentials(config, Map.of("PATH", bin.toString()));

    assertThat(creds.find("harbor.corp"))
        .contains(new RegistryCredential("store-user@harbor.corp", "store-secret"));
  }

  @Test
  void find_credsStoreWithoutEntry_fallsBackToAuths() throws IOException {
    Path bin = helper("store", "only-for-other", "x");
    Path config =
        write(
            "{\"credsStore\":\"store\",\"auths\":{\"nohelper.corp\":{\"auth\":\""
                + b64("a:b")
                + "\"}}}");

    RegistryCredentials creds = new DockerConfigCredentials(config, Map.of("PATH", bin.toString()));

    assertThat(creds.find("nohelper.corp")).contains(new RegistryCredential("a", "b"));
  }

  @Test
  void standard_dockerConfigVariable_pointsAtItsConfigJson() throws IOException {
    Files.writeString(
        dir.resolve("config.json"), "{\"auths\":{\"h.corp\":{\"auth\":\"" + b64("u:p") + "\"}}}");

    RegistryCredentials creds =
        DockerConfigCredentials.standard(Map.of("DOCKER_CONFIG", dir.toString()));

    assertThat(creds.find("h.corp")).contains(new RegistryCredential("u", "p"));
  }

  @Test
  void find_noConfigFile_isEmpty() {
    assertThat(new DockerConfigCredentials(dir.resolve("none.json"), Map.of()).find("h")).isEmpty();
  }

  @Test
  void environment_withoutRegistry_appliesToAllAndHidesPassword() {
    RegistryCredentials env =
        StaticCredentials.fromEnvironment(
            Map.of(
                "KATAFRAKTOS_REGISTRY_USERNAME", "robot", "KATAFRAKTOS_REGISTRY_PASSWORD", "tok"));

    assertThat(env.find("any.corp")).contains(new RegistryCredential("robot", "tok"));
    assertThat(env.toString()).contains("robot:****").doesNotContain("tok");
  }

  @Test
  void environment_withRegistry_appliesToThatRegistryOnly() {
    RegistryCredentials env =
        StaticCredentials.fromEnvironment(
            Map.of(
                "KATAFRAKTOS_REGISTRY_USERNAME", "robot",
                "KATAFRAKTOS_REGISTRY_PASSWORD", "tok",
                "KATAFRAKTOS_REGISTRY", "harbor.corp"));

    assertThat(env.find("harbor.corp")).isPresent();
    assertThat(env.find("docker.io")).isEmpty();
  }

  @Test
  void environment_forOwnRegistries_neverReachesOtherRegistries() {
    RegistryCredentials env =
        StaticCredentials.fromEnvironment(
            Map.of(
                "KATAFRAKTOS_REGISTRY_USERNAME", "robot", "KATAFRAKTOS_REGISTRY_PASSWORD", "tok"),
            java.util.Set.of("harbor.corp", "harbor.corp:8443"));

    assertThat(env.find("harbor.corp")).contains(new RegistryCredential("robot", "tok"));
    assertThat(env.find("harbor.corp:8443")).isPresent();
    assertThat(env.find("docker.io")).isEmpty();
    assertThat(env.find("quay.io")).isEmpty();
  }

  @Test
  void credential_toString_neverPrintsSecret() {
    assertThat(new RegistryCredential("admin", "Harbor12345").toString()).isEqualTo("admin:****");
  }

  /**
   * A fake docker-credential-NAME: answers for harbor.corp (store: for any server but
   * nohelper.corp), fails like a real helper otherwise.
   */
  private Path helper(String name, String user, String secret) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("docker-credential-" + name);
    String userExpr = "store".equals(name) ? user + "@$server" : user;
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ \"$1\" = get ] || exit 1\n"
            + "read -r server\n"
            + "case \"$server\" in nohelper.corp) echo 'credentials not found in native keychain'; exit 1;; esac\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}' \"$server\" \""
            + userExpr
            + "\" \""
            + secret
            + "\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
