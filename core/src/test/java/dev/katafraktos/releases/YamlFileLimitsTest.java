package dev.katafraktos.releases;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.Hostile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Discovered manifests (Argo CD, Flux, helmfile, release sets) are read with the limits. */
class YamlFileLimitsTest {

  @Test
  void parse_aliasBomb_invalidWithFileLineAndColumn() {
    assertThatThrownBy(
            () -> YamlFile.parse(Path.of("apps/web.yaml"), "apps/web.yaml", Hostile.aliasBomb()))
        .isInstanceOf(YamlFile.Invalid.class)
        .hasMessage(
            "invalid YAML at apps/web.yaml:11:12: aliases expand to more than 100000 nodes (an"
                + " alias bomb); refused");
  }

  @Test
  void parse_10000DeepNesting_invalidWithFileLineAndColumn() {
    assertThatThrownBy(
            () ->
                YamlFile.parse(
                    Path.of("helmfile.yaml"), "helmfile.yaml", Hostile.deepNesting(10_000)))
        .isInstanceOf(YamlFile.Invalid.class)
        .hasMessage("invalid YAML at helmfile.yaml:2:262: nested deeper than 256 levels; refused");
  }
}
