package dev.katafraktos.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.Hostile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered output goes through Jackson; the limits hold there too (extract/YamlReader). */
class YamlReaderLimitsTest {

  @Test
  void readAll_aliasBomb_refusedWithItsLine() {
    assertThatThrownBy(() -> YamlReader.readAll(Hostile.aliasBomb()))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.problem()).contains("alias bomb");
              assertThat(Hostile.aliasBomb().lines().toList().get(e.line() - 1))
                  .startsWith("lol5:");
            });
  }

  @Test
  void readAll_manyAliases_refused() {
    assertThatThrownBy(() -> YamlReader.readAll(Hostile.manyAliases(201)))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("more than 200 aliases");
  }

  @Test
  void readAll_10000DeepNesting_refused() {
    assertThatThrownBy(() -> YamlReader.readAll(Hostile.deepNesting(10_000)))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.problem()).contains("nesting depth");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @Test
  void readAll_anchorsOfRealTemplates_stillResolve() throws Exception {
    List<Node> docs = YamlReader.readAll("a: &x {image: nginx}\nb: *x\n");
    Node.Mapping root = (Node.Mapping) docs.get(0);
    assertThat(root.entries().get("b")).isSameAs(root.entries().get("a"));
  }

  @Test
  void extract_configMapDataHoldingABomb_readsItAsText() throws Exception {
    // the hostile chart's ConfigMap as helm renders it: the scan of config data must stay bounded
    String config =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  laughs.yaml: |\n"
            + Hostile.aliasBomb().indent(4)
            + "  deep.yaml: |\n"
            + Hostile.deepNesting(10_000).indent(4);
    assertThat(ExtractTestSupport.extract(config))
        .extracting(o -> o.image().toString())
        .contains("nginx:1.27");
  }
}
