package dev.katafraktos.values;

import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an image stands in a render, stable across renders of the same chart with other values: the
 * template, which of that template's documents, and the place inside the document. Object names are
 * not part of it — they may come from values, or be random (a test pod's suffix).
 *
 * @param source the template path from {@code # Source:}
 * @param index the position among the documents of that template
 * @param kind the document's kind
 * @param path the JSON pointer (or config-data pointer) of the image
 */
public record ImageSite(String source, int index, String kind, String path) {

  /** The images of a render (not those only named in Chart.yaml annotations), by site. */
  public static Map<ImageSite, ImageOccurrence> locate(RenderedManifest manifest)
      throws ManifestParseException {
    return locate(manifest, new ImageExtractor());
  }

  static Map<ImageSite, ImageOccurrence> locate(RenderedManifest manifest, ImageExtractor extractor)
      throws ManifestParseException {
    Map<ImageSite, ImageOccurrence> sites = new LinkedHashMap<>();
    Map<String, Integer> perSource = new HashMap<>();
    for (RenderedDocument document : manifest.documents()) {
      int index = perSource.merge(String.valueOf(document.source()), 1, Integer::sum) - 1;
      RenderedManifest single =
          new RenderedManifest(
              manifest.chart(),
              manifest.chartName(),
              manifest.release(),
              manifest.namespace(),
              List.of(document),
              Map.of());
      for (ImageOccurrence occurrence : extractor.extract(single)) {
        if (occurrence.image() != null && occurrence.origin() != Origin.ANNOTATION) {
          sites.putIfAbsent(
              new ImageSite(document.source(), index, occurrence.kind(), occurrence.path()),
              occurrence);
        }
      }
    }
    return sites;
  }

  @Override
  public String toString() {
    return source + "#" + index + " " + kind + " " + path;
  }
}
