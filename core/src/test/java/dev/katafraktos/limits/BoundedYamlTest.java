package dev.katafraktos.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.katafraktos.testsupport.Hostile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.exceptions.Mark;

class BoundedYamlTest {

  @Test
  void compose_aliasBomb_refusedAtTheAliasThatCrossesTheLimit() {
    assertThatThrownBy(
            () -> BoundedYaml.composeAll(BoundedYaml.settings("bomb.yaml"), Hostile.aliasBomb()))
        .isInstanceOfSatisfying(
            YamlLimitException.class,
            e -> {
              assertThat(e.getProblem()).contains("alias bomb");
              Mark mark = e.getProblemMark().orElseThrow();
              assertThat(mark.getName()).isEqualTo("bomb.yaml");
              // lol5 is the first level whose aliases add more than 100 000 nodes
              assertThat(Hostile.aliasBomb().lines().toList().get(mark.getLine()))
                  .startsWith("lol5:");
            });
  }

  @Test
  void compose_10000DeepNesting_refusedBeforeTheComposerRecurses() {
    assertThatThrownBy(
            () ->
                BoundedYaml.compose(BoundedYaml.settings("deep.yaml"), Hostile.deepNesting(10_000)))
        .isInstanceOfSatisfying(
            YamlLimitException.class,
            e -> {
              assertThat(e.getProblem()).isEqualTo("nested deeper than 256 levels; refused");
              assertThat(e.getProblemMark().orElseThrow().getLine()).isEqualTo(1);
            });
  }

  @Test
  void compose_deepBlockMappings_refusedToo() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      text.append(" ".repeat(i)).append("k:\n");
    }
    assertThatThrownBy(
            () -> BoundedYaml.compose(BoundedYaml.settings("deep.yaml"), text.toString()))
        .isInstanceOf(YamlLimitException.class);
  }

  @Test
  void compose_nestingAtTheLimit_isRead() {
    assertThat(
            BoundedYaml.compose(
                BoundedYaml.settings("ok.yaml"), "x: " + "[".repeat(255) + "]".repeat(255)))
        .isPresent();
  }

  @Test
  void compose_moreCollectionAliasesThanTheLimit_refused() {
    assertThat(BoundedYaml.compose(BoundedYaml.settings("ok.yaml"), Hostile.manyAliases(200)))
        .isPresent();
    assertThatThrownBy(
            () -> BoundedYaml.compose(BoundedYaml.settings("many.yaml"), Hostile.manyAliases(201)))
        .isInstanceOf(YamlLimitException.class)
        .hasMessageContaining("more than 200 aliases");
  }

  @Test
  void loadAndEvents_useTheSameLimits() {
    assertThatThrownBy(
            () -> BoundedYaml.load(BoundedYaml.settings("v"), Hostile.deepNesting(10_000)))
        .isInstanceOf(YamlLimitException.class);
    assertThatThrownBy(() -> BoundedYaml.loadAll(BoundedYaml.settings("v"), Hostile.aliasBomb()))
        .isInstanceOf(YamlLimitException.class);
    assertThatThrownBy(
            () ->
                BoundedYaml.events(BoundedYaml.settings("v"), Hostile.aliasBomb()).forEach(e -> {}))
        .isInstanceOf(YamlLimitException.class);
  }

  @Test
  void load_anchorsAndMergeKeysOfRealCharts_stillResolve() {
    Object values =
        BoundedYaml.load(
            BoundedYaml.settings("v"),
            "defaults: &d {image: nginx:1.27, pull: IfNotPresent}\n"
                + "web:\n  <<: *d\n  port: 80\nworker: *d\n");
    assertThat(values).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) values).get("worker"))
        .isEqualTo(Map.of("image", "nginx:1.27", "pull", "IfNotPresent"));
  }

  @Test
  void jackson_yamlAndJson_refuseDeepNesting() {
    assertThatThrownBy(() -> BoundedYaml.yamlMapper().readTree(Hostile.deepNesting(10_000)))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("nesting depth");
    assertThatThrownBy(
            () -> BoundedYaml.jsonMapper().readTree("[".repeat(10_000) + "]".repeat(10_000)))
        .isInstanceOf(StreamConstraintsException.class);
    assertThatThrownBy(() -> BoundedYaml.jsonMapper().readTree("1".repeat(1001)))
        .isInstanceOf(StreamConstraintsException.class);
  }

  /** Every YAML file of the real charts outside templates reads under the limits. */
  @Test
  void realCorpora_readUnderTheLimits() throws IOException {
    List<Path> roots =
        Stream.of(Path.of("../testdata/corpus/charts"), Path.of("../../shared/corpus/charts"))
            .filter(Files::isDirectory)
            .toList();
    assertThat(roots).isNotEmpty();
    int read = 0;
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file :
            files
                .filter(
                    f -> f.toString().endsWith(".yaml") && !f.toString().contains("/templates/"))
                .toList()) {
          String text = Files.readString(file);
          try {
            BoundedYaml.composeAll(BoundedYaml.settings(file.toString()), text);
            BoundedYaml.yamlMapper().readTree(text);
            read++;
          } catch (YamlLimitException | StreamConstraintsException e) {
            throw new AssertionError(file + " crosses a limit: " + e.getMessage(), e);
          } catch (RuntimeException | IOException e) {
            // not YAML at all (a few files/ entries); the limits are not the question
          }
        }
      }
    }
    assertThat(read).isGreaterThan(100);
  }
}
