package dev.katafraktos.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOverridesTest {

  @Test
  void resolve_nothingSet_isEmpty() throws Exception {
    assertThat(new ConfigOverrides().resolve()).isEqualTo(AuditConfig.empty());
  }

  @Test
  void resolve_overridesLaidOverTheFile() throws Exception {
    Path file = RealTools.testdata().resolve("config/katafraktos.yaml");

    AuditConfig config =
        new ConfigOverrides()
            .configFile(file)
            .registry(" harbor.corp ")
            .mappings(List.of("docker.io=harbor.corp/hub", " "))
            .insecureRegistries(List.of("127.0.0.1:5000"))
            .failOn(Severity.OFF)
            .resolve();

    assertThat(config.registry()).isEqualTo("harbor.corp");
    assertThat(config.mappings())
        .contains(Mapping.parse("docker.io=harbor.corp/hub"))
        .contains(Mapping.parse("quay.io=harbor.example.com/quay"));
    assertThat(config.insecureRegistries()).contains("localhost:5000", "127.0.0.1:5000");
    assertThat(config.failOn()).isEqualTo(Severity.OFF);
  }

  @Test
  void resolve_badMapping_saysWhatIsExpected() {
    assertThatThrownBy(() -> new ConfigOverrides().mappings(List.of("docker.io")).resolve())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "bad mapping 'docker.io': expected SOURCE=TARGET, e.g."
                + " docker.io=harbor.example.com/dockerhub-proxy");
  }

  @Test
  void resolve_missingFiles_nameTheFileAndWhereItWasGiven(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> new ConfigOverrides().configFile(missing).resolve())
        .hasMessage("Config file " + missing + " not found");
    assertThatThrownBy(() -> new ConfigOverrides().caFile(missing, "<caFile>").resolve())
        .hasMessage("CA file " + missing + " not found; check <caFile>");
  }
}
