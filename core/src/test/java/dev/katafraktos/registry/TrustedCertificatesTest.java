package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {
  @TempDir Path dir;

  @Test
  void checker_missingCaFile_failsWithOneLineHint() {
    Path ca = dir.resolve("ca.pem");
    RegistrySettings settings = RegistrySettings.builder().caFile(ca).build();

    assertThatThrownBy(() -> Registries.checker(settings))
        .isInstanceOf(RegistryConfigurationException.class)
        .hasMessage("CA file " + ca + " not found; check --ca-file");
  }

  @Test
  void checker_caFileNotPem_failsWithOneLineHint() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    RegistrySettings settings = RegistrySettings.builder().caFile(ca).build();

    assertThatThrownBy(() -> Registries.checker(settings))
        .isInstanceOf(RegistryConfigurationException.class)
        .hasMessage("CA file " + ca + " holds no PEM certificate; check --ca-file");
  }

  @Test
  void context_withoutCaFile_isTheJvmDefault() throws Exception {
    assertThat(TrustedCertificates.context(null)).isNotNull();
  }
}
