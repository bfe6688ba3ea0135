package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.Hostile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config} files come with the repository too. */
class AuditConfigLimitsTest {
  @TempDir Path dir;

  @Test
  void load_aliasBomb_namesFileLineAndColumn() throws Exception {
    Path file = Files.writeString(dir.resolve("katafraktos.yaml"), Hostile.aliasBomb());
    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid YAML in "
                + file
                + ":11:12: aliases expand to more than 100000 nodes (an alias bomb); refused");
  }

  @Test
  void load_10000DeepNesting_namesFileLineAndColumn() throws Exception {
    Path file = Files.writeString(dir.resolve("katafraktos.yaml"), Hostile.deepNesting(10_000));
    assertThatThrownBy(() -> AuditConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid YAML in " + file + ":2:262: nested deeper than 256 levels; refused");
  }
}
