package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.testsupport.Hostile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The values files {@code rewrite} edits are read with the limits, before any edit. */
class ValuesEditorLimitsTest {

  @Test
  void parse_aliasBomb_refusedNamingFileLine() {
    assertThatThrownBy(() -> ValuesEditor.parse(Path.of("values-prod.yaml"), Hostile.aliasBomb()))
        .isInstanceOf(ValuesSyntaxException.class)
        .hasMessage(
            "values-prod.yaml:11:12: aliases expand to more than 100000 nodes (an alias bomb);"
                + " refused; file left unchanged");
  }

  @Test
  void parse_10000DeepNesting_refusedNamingFileLine() {
    assertThatThrownBy(
            () -> ValuesEditor.parse(Path.of("values.yaml"), Hostile.deepNesting(10_000)))
        .isInstanceOf(ValuesSyntaxException.class)
        .hasMessage(
            "values.yaml:2:262: nested deeper than 256 levels; refused; file left unchanged");
  }

  @Test
  void treeBlockLoad_deepNesting_refused() {
    assertThatThrownBy(() -> TreeBlock.load(Hostile.deepNesting(10_000), ValuePath.of("image")))
        .hasMessageContaining("nested deeper than 256 levels");
    assertThat(TreeBlock.load("image: {repository: nginx}\n", ValuePath.of("image", "repository")))
        .isEqualTo("nginx");
  }
}
