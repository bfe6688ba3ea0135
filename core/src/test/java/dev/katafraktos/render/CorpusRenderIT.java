package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole inventory pipeline on the real charts of the shared corpus (17) and of the project's
 * own corpus (testdata/corpus), rendered live the way the corpus READMEs say, with each renderer:
 * the embedded one, helm 3 and helm 4.
 */
class CorpusRenderIT {

  static Stream<Named<Supplier<ChartRenderer>>> renderers() {
    return Stream.of(
        Named.of("embedded", Renderers::embedded),
        Named.of("helm 3", () -> binary(RealTools.helm3())),
        Named.of("helm 4", () -> binary(RealTools.helm4())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderers")
  void corpus_inventoryEqualsExpected(Supplier<ChartRenderer> renderer) throws Exception {
    assertThat(inventory(RealTools.corpus(), renderer)).hasSize(17);
  }

  /**
   * The project's own corpus of 26 real charts nobody tuned the tool for: every pod image exactly
   * as helm renders it, with each renderer, through the charts' own values files.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renderers")
  void projectCorpus_inventoryEqualsExpected(Supplier<ChartRenderer> renderer) throws Exception {
    assertThat(inventory(RealTools.projectCorpus(), renderer)).hasSizeGreaterThanOrEqualTo(20);
  }

  private static List<CorpusComparison.Score> inventory(
      Path corpus, Supplier<ChartRenderer> renderer) throws Exception {
    List<String> charts = CorpusComparison.charts(corpus);
    List<RenderRequest> requests = new ArrayList<>();
    for (String chart : charts) {
      JsonNode expected = CorpusComparison.expected(corpus, chart);
      requests.add(
          RenderRequest.builder(corpus.resolve("charts").resolve(expected.get("chart").asText()))
              .release("rel")
              .namespace("ns")
              .kubeVersion(CorpusComparison.kubeVersion(expected))
              .valuesFiles(CorpusComparison.valuesFiles(corpus, expected))
              .build());
    }

    List<CorpusComparison.Score> scores = new ArrayList<>();
    String title;
    try (ChartRenderer r = renderer.get()) {
      title = r.describe();
      List<RenderResult> results = r.renderAll(requests);
      ImageExtractor extractor = new ImageExtractor();
      for (int i = 0; i < charts.size(); i++) {
        RenderResult result = results.get(i);
        assertThat(result.failure()).as("render of %s", charts.get(i)).isNull();
        scores.add(
            CorpusComparison.score(
                charts.get(i),
                CorpusComparison.expected(corpus, charts.get(i)),
                extractor.extract(result.manifest())));
      }
    }

    CorpusComparison.assertConformant(title + " (" + corpus + ")", scores);
    return scores;
  }

  private static ChartRenderer binary(Path helm) {
    try {
      return Renderers.helmBinary(helm);
    } catch (RenderException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
