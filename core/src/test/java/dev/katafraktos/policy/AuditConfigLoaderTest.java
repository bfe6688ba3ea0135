package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditConfigLoaderTest {
  private static final Path EXAMPLE =
      Path.of(System.getProperty("katafraktos.testdata", "../testdata"), "config/katafraktos.yaml");

  @TempDir Path dir;

  @Test
  void load_documentedExample() throws Exception {
    AuditConfig config = AuditConfigLoader.load(EXAMPLE);

    assertThat(config.registry()).isEqualTo("harbor.example.com");
    assertThat(config.mappings())
        .containsExactly(
            new Mapping("docker.io", "harbor.example.com/dockerhub-proxy"),
            new Mapping("quay.io", "harbor.example.com/quay"));
    assertThat(config.insecureRegistries()).containsExactly("localhost:5000");
    assertThat(config.caFile())
        .isEqualTo(EXAMPLE.toAbsolutePath().getParent().resolve("certs/harbor-ca.pem").normalize());
    assertThat(config.requiredPlatforms()).containsExactly("linux/amd64", "linux/arm64");
    assertThat(config.effectiveFailOn()).isEqualTo(Severity.ERROR);
    assertThat(config.credentials().get("harbor.example.com"))
        .isEqualTo(new CredentialRef(null, "HARBOR_USER", "HARBOR_PASSWORD", null));
    PolicyConfig policy = config.policyConfig();
    assertThat(policy.allowedRegistries()).containsExactlyInAnyOrder("harbor.example.com");
    assertThat(policy.severity(Rule.MUTABLE_TAG)).isEqualTo(Severity.ERROR);
    assertThat(policy.severity(Rule.NO_DIGEST)).isEqualTo(Severity.WARNING);
    assertThat(policy.severity(Rule.EXTERNAL_REGISTRY)).isEqualTo(Severity.ERROR);
  }

  @Test
  void load_kubeAndApiVersions_asHelmTakesThem() throws Exception {
    AuditConfig config =
        AuditConfigLoader.load(
            write(
                "kubeVersions: [\"1.19\", v1.21.3, 1.25.0]\n"
                    + "apiVersions:\n  - monitoring.coreos.com/v1\n"));

    assertThat(config.kubeVersions()).containsExactly("1.19", "v1.21.3", "1.25.0");
    assertThat(config.apiVersions()).containsExactly("monitoring.coreos.com/v1");
  }

  @Test
  void load_kubeVersionThatIsNone_rejectedWhereItIs() throws Exception {
    Path file = write("kubeVersions:\n  - 1.25.0\n  - latest\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessageStartingWith(file + ":3:5: kubeVersions: 'latest' is not a Kubernetes version");
  }

  @Test
  void merge_flagVersionsReplaceTheFilesVersions() {
    AuditConfig file =
        AuditConfig.builder()
            .kubeVersions(List.of("1.19.0", "1.21.0"))
            .apiVersions(List.of("a/v1"))
            .build();

    AuditConfig merged = file.merge(AuditConfig.builder().kubeVersions(List.of("1.30.0")).build());

    assertThat(merged.kubeVersions()).containsExactly("1.30.0");
    assertThat(merged.apiVersions()).containsExactly("a/v1");
  }

  @Test
  void load_emptyFile_isEmptyConfig() throws Exception {
    assertThat(AuditConfigLoader.load(write("# nothing\n"))).isEqualTo(AuditConfig.empty());
  }

  @Test
  void load_emptySections_areEmpty() throws Exception {
    AuditConfig config = AuditConfigLoader.load(write("mappings:\npolicy:\n#  mutable-tag: off\n"));

    assertThat(config).isEqualTo(AuditConfig.empty());
  }

  @Test
  void load_emptyScalar_rejected() throws Exception {
    Path file = write("registry:\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessage(file + ":1:10: registry must not be empty");
  }

  @Test
  void load_malformedYaml_namesFileLineColumn() throws Exception {
    Path file = write("registry: harbor.example.com\nmappings:\n  docker.io: [a\n  quay.io: b\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageMatching("Invalid YAML in \\Q" + file + "\\E:\\d+:\\d+: [^\\n]+");
  }

  @Test
  void load_unknownKey_namesItAndItsPosition() throws Exception {
    Path file = write("registry: harbor.example.com\nregsitry: typo\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":2:1: unknown key 'regsitry' in the configuration;");
  }

  @Test
  void load_unknownRuleId_namesIt() throws Exception {
    Path file = write("policy:\n  mutable-tag: error\n  latest-tag: warning\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessageStartingWith(file + ":3:3: unknown rule id 'latest-tag' in policy; expected");
  }

  @Test
  void load_badSeverity_namesIt() throws Exception {
    Path file = write("policy:\n  mutable-tag: fatal\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessage(
            file
                + ":2:16: mutable-tag: bad severity 'fatal': expected error, warning,"
                + " info or off");
  }

  @Test
  void load_inlinePassword_rejectedWithoutEchoingIt() throws Exception {
    Path file =
        write("credentials:\n  harbor.example.com:\n    username: robot\n    password: hunter2\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file
                + ":4:5: inline secret 'password' in the credentials of"
                + " harbor.example.com is not allowed; put it in an environment variable")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void load_badMapping_namesPosition() throws Exception {
    Path file = write("mappings:\n  docker.io: https://harbor.example.com\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessageStartingWith(file + ":2:3: bad mapping 'docker.io=https://harbor.example.com'");
  }

  @Test
  void load_duplicateKey_rejected() throws Exception {
    Path file = write("registry: a.example.com\nregistry: b.example.com\n");

    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .hasMessage(file + ":2:1: duplicate key 'registry' in the configuration");
  }

  @Test
  void load_missingFile_saysSo() {
    assertThatThrownBy(() -> AuditConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot read config file ");
  }

  @Test
  void merge_flagsOverrideTheFile() throws Exception {
    AuditConfig file = AuditConfigLoader.load(EXAMPLE);
    AuditConfig flags =
        AuditConfig.builder()
            .registry("harbor2.example.com")
            .mapping(Mapping.parse("docker.io=harbor2.example.com/hub"))
            .insecureRegistry("127.0.0.1:5000")
            .failOn(Severity.WARNING)
            .severity("mutable-tag", Severity.OFF)
            .requiredPlatforms(List.of("linux/amd64"))
            .build();

    AuditConfig merged = file.merge(flags);

    assertThat(merged.registry()).isEqualTo("harbor2.example.com");
    assertThat(merged.mappings())
        .containsExactly(
            new Mapping("docker.io", "harbor2.example.com/hub"),
            new Mapping("quay.io", "harbor.example.com/quay"));
    assertThat(merged.insecureRegistries())
        .containsExactlyInAnyOrder("localhost:5000", "127.0.0.1:5000");
    assertThat(merged.effectiveFailOn()).isEqualTo(Severity.WARNING);
    assertThat(merged.policyConfig().severity(Rule.MUTABLE_TAG)).isEqualTo(Severity.OFF);
    assertThat(merged.policyConfig().severity(Rule.NO_DIGEST)).isEqualTo(Severity.WARNING);
    assertThat(merged.requiredPlatforms()).containsExactly("linux/amd64");
    assertThat(merged.caFile()).isEqualTo(file.caFile());
    assertThat(merged.policyConfig().allowedRegistries())
        .isEqualTo(Set.of("harbor2.example.com", "harbor.example.com"));
  }

  @Test
  void allowedRegistries_explicitListReplacesTheDefault() throws Exception {
    AuditConfig config =
        AuditConfigLoader.load(
            write("registry: harbor.example.com\nallowedRegistries: [registry.internal:5000]\n"));

    assertThat(config.policyConfig().allowedRegistries()).containsExactly("registry.internal:5000");
  }

  @Test
  void credentialRef_toStringShowsReferencesOnly() {
    assertThat(new CredentialRef("robot", null, "HARBOR_PASSWORD", null))
        .hasToString("CredentialRef[user=robot, password=$HARBOR_PASSWORD]");
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("katafraktos.yaml"), text);
  }
}
