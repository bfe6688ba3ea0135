package dev.katafraktos.api;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.RenderDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a render with edited values against the render before. */
final class Verification {
  /** Renders the unchanged values again. */
  @FunctionalInterface
  interface Rerender {
    RenderedManifest render() throws RenderException;
  }

  private Verification() {}

  static Map<ImageSite, String> images(RenderedManifest manifest) throws ManifestParseException {
    Map<ImageSite, String> images = new LinkedHashMap<>();
    for (Map.Entry<ImageSite, ImageOccurrence> e : ImageSite.locate(manifest).entrySet()) {
      images.put(e.getKey(), e.getValue().image());
    }
    return images;
  }

  /**
   * Differences other than the moves. Charts that generate passwords or certificates differ from
   * render to render; only when something differs is the chart rendered once more unchanged, and
   * what differs there too is not held against the rewrite.
   */
  static List<String> otherChanges(
      RenderedManifest before,
      RenderedManifest after,
      Map<String, String> moves,
      Set<ImageSite> sites,
      Rerender again)
      throws RenderException {
    List<String> differences = RenderDiff.unexplained(before, after, moves, sites);
    if (differences.isEmpty()) {
      return differences;
    }
    List<String> volatile_ = RenderDiff.unexplained(before, again.render(), Map.of(), Set.of());
    return RenderDiff.withoutVolatile(differences, volatile_);
  }
}
