package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorImagesMojoTest {

  @Test
  void checkKnobs_defaultsAndPlatformsWithVariant_pass() {
    assertThatCode(
            () -> MirrorImagesMojo.checkKnobs(4, null, List.of("linux/amd64", "linux/arm64/v8")))
        .doesNotThrowAnyException();
    assertThatCode(() -> MirrorImagesMojo.checkKnobs(1, 0, List.of())).doesNotThrowAnyException();
  }

  @Test
  void checkKnobs_noJobs_isAConfigurationErrorNamingTheParameter() {
    assertThatThrownBy(() -> MirrorImagesMojo.checkKnobs(0, null, List.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("<jobs> must be at least 1, not 0");
  }

  @Test
  void checkKnobs_negativeMaxPulls_isAConfigurationError() {
    assertThatThrownBy(() -> MirrorImagesMojo.checkKnobs(4, -1, List.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("<maxPulls> must not be negative, not -1");
  }

  @Test
  void checkKnobs_platformWithoutArch_isAConfigurationErrorQuotingIt() {
    assertThatThrownBy(() -> MirrorImagesMojo.checkKnobs(4, null, List.of("amd64")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("<platforms> takes os/arch[/variant] each, e.g. linux/amd64, not 'amd64'");
  }
}
