package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.util.List;
import java.util.Map;

/** Runs the extractor on inline YAML. */
final class ExtractTestSupport {

  private ExtractTestSupport() {}

  static List<ImageOccurrence> extract(String yaml) throws ManifestParseException {
    return extract("chart/templates/test.yaml", yaml);
  }

  static List<ImageOccurrence> extract(String source, String yaml) throws ManifestParseException {
    return new ImageExtractor()
        .extract(manifest(List.of(new RenderedDocument(source, yaml)), Map.of()));
  }

  static RenderedManifest manifest(
      List<RenderedDocument> documents, Map<String, String> annotations) {
    return new RenderedManifest("chart", "chart", "rel", "ns", documents, annotations);
  }
}
