package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each hand-written chart of {@code testdata/charts} (one pattern each) through the inventory
 * pipeline with every renderer: exactly the pod images and all the other images its expected file
 * lists, nothing more.
 */
class TestChartsInventoryIT {

  static Stream<String> renderers() {
    return Stream.of("embedded", "helm 3", "helm 4");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderers")
  void testCharts_inventoryEqualsExpected(String name) throws Exception {
    List<Path> charts = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(RealTools.testdata().resolve("charts"))) {
      dirs.filter(d -> Files.exists(d.resolve("expected-images.json")))
          .sorted()
          .forEach(charts::add);
    }
    assertThat(charts).hasSizeGreaterThanOrEqualTo(13);

    List<CorpusComparison.Score> scores = new ArrayList<>();
    try (ChartRenderer renderer = renderer(name)) {
      List<RenderRequest> requests =
          charts.stream()
              .map(c -> RenderRequest.builder(c).release("rel").namespace("ns").build())
              .toList();
      List<RenderResult> results = renderer.renderAll(requests);
      for (int i = 0; i < charts.size(); i++) {
        String chart = charts.get(i).getFileName().toString();
        assertThat(results.get(i).failure()).as("render of %s", chart).isNull();
        scores.add(
            CorpusComparison.score(
                chart,
                CorpusComparison.read(charts.get(i).resolve("expected-images.json")),
                new ImageExtractor().extract(results.get(i).manifest())));
      }
    }

    CorpusComparison.assertConformant("testdata charts, " + name, scores);
    for (CorpusComparison.Score score : scores) {
      assertThat(score.matchedOthers())
          .as("other images of %s", score.chart())
          .isEqualTo(score.expectedOthers().size());
    }
  }

  private static ChartRenderer renderer(String name) throws RenderException, IOException {
    return switch (name) {
      case "embedded" -> Renderers.embedded();
      case "helm 3" -> Renderers.helmBinary(RealTools.helm3());
      default -> Renderers.helmBinary(RealTools.helm4());
    };
  }
}
