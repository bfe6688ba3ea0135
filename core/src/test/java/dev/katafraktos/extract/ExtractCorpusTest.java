package dev.katafraktos.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.render.ManifestSplitter;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor on the helm 3.17.3 renders of the corpus charts (kept under {@code
 * src/test/resources/rendered/}, so no helm is needed) and compares with {@code
 * corpus/expected/<chart>.json}. The live renders are compared by {@code CorpusRenderIT}.
 */
class ExtractCorpusTest {
  private final ImageExtractor extractor = new ImageExtractor();

  @Test
  void corpus_everyChart_podImagesExactAndOtherImagesWithoutFalsePositives() throws Exception {
    Path corpus = RealTools.corpus();
    List<String> charts = CorpusComparison.charts(corpus);
    assertThat(charts).hasSize(17);

    List<CorpusComparison.Score> scores = new ArrayList<>();
    for (String chart : charts) {
      JsonNode expected = CorpusComparison.expected(corpus, chart);
      scores.add(CorpusComparison.score(chart, expected, extract(corpus, chart, expected)));
    }

    CorpusComparison.assertConformant("extractor on helm 3.17.3 fixtures", scores);
  }

  private List<ImageOccurrence> extract(Path corpus, String chart, JsonNode expected)
      throws IOException, ManifestParseException {
    String rendered;
    try (InputStream in = getClass().getResourceAsStream("/rendered/" + chart + ".yaml")) {
      assertThat(in).as("rendered fixture of %s", chart).isNotNull();
      rendered = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    RenderedManifest manifest =
        new RenderedManifest(
            "charts/" + chart,
            expected.get("chartName").asText(),
            "rel",
            "ns",
            ManifestSplitter.split(rendered),
            chartAnnotations(corpus.resolve("charts/" + chart)));
    return extractor.extract(manifest);
  }

  /** The chart's annotations, so that annotation images are exercised (not in the corpus). */
  private static Map<String, String> chartAnnotations(Path chart) throws IOException {
    JsonNode annotations =
        new YAMLMapper().readTree(chart.resolve("Chart.yaml").toFile()).get("annotations");
    Map<String, String> result = new LinkedHashMap<>();
    if (annotations != null) {
      annotations.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
    }
    return result;
  }
}
