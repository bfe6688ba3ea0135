package dev.katafraktos.api;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.RenderDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a render with edited values against the render before. */
final class Verification {
  /** Renders the unchanged values again. */
  @FunctionalInterface
  interface Rerender {
    RenderedManifest render() throws RenderException;
  }

  private Verification() {}

  /** Problems for a one-line message: the first five, and how many more there are. */
  static String firstFive(List<String> problems) {
    return String.join("; ", problems.subList(0, Math.min(5, problems.size())))
        + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
  }

  static Map<ImageSite, String> images(RenderedManifest manifest) throws ManifestParseException {
    Map<ImageSite, String> images = new LinkedHashMap<>();
    for (Map.Entry<ImageSite, ImageOccurrence> e : ImageSite.locate(manifest).entrySet()) {
      images.put(e.getKey(), e.getValue().image());
    }
    return images;
  }

  /**
   * Differences other than the moves, and the changes explained by values carried into fields.
   * Charts that generate passwords or certificates differ from render to render; only when
   * something differs is the chart rendered once more unchanged, and what differs there too is not
   * held against the rewrite.
   */
  static RenderDiff.Outcome otherChanges(
      RenderedManifest before, RenderedManifest after, RenderDiff.Expected expected, Rerender again)
      throws RenderException {
    RenderDiff.Outcome outcome = RenderDiff.compare(before, after, expected);
    if (outcome.unexplained().isEmpty()) {
      return outcome;
    }
    List<String> volatile_ = RenderDiff.unexplained(before, again.render());
    return new RenderDiff.Outcome(
        RenderDiff.withoutVolatile(outcome.unexplained(), volatile_), outcome.carried());
  }

  /** The edits as a template prints them ({@code true}, not {@code TRUE}). */
  static Map<ValuePath, String> printed(Map<ValuePath, Object> edits) {
    Map<ValuePath, String> out = new LinkedHashMap<>();
    edits.forEach((path, value) -> out.put(path, String.valueOf(value)));
    return out;
  }

  /** The fields accepted for carrying edited values, as the result lists them. */
  static List<RewriteResult.AlsoChange> alsoChanges(List<RenderDiff.CarriedChange> carried) {
    return carried.stream()
        .map(
            c ->
                new RewriteResult.AlsoChange(
                    c.kind(),
                    c.name(),
                    c.field().source(),
                    c.field().pointer(),
                    c.values().stream().map(ValuePath::toString).toList(),
                    "carries the values"))
        .toList();
  }
}
