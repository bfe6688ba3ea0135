package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.render.RenderedManifest;
import java.util.List;

/** PROVISIONAL stub; the extractor replaces it. */
public final class ImageExtractor {
  public List<ImageOccurrence> extract(RenderedManifest manifest) throws ManifestParseException {
    return List.of();
  }
}
