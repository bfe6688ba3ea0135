package dev.katafraktos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RealToolsTest {

  @Test
  void helm3_reportsMajorVersion3() {
    assertThat(RealTools.helmVersion(RealTools.helm3())).startsWith("v3.");
  }

  @Test
  void helm4_reportsMajorVersion4() {
    assertThat(RealTools.helmVersion(RealTools.helm4())).startsWith("v4.");
  }

  @Test
  void corpus_holdsChartsAndExpectedImages() {
    assertThat(RealTools.corpus().resolve("expected/cert-manager.json")).isRegularFile();
  }

  @Test
  void testdata_isTheRepositoryTestdata() {
    assertThat(Files.isDirectory(RealTools.testdata().resolve("conformance"))).isTrue();
  }
}
