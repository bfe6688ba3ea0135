package dev.katafraktos.values;

import java.util.List;

/**
 * Which values control which images of one chart, found by rendering it with marked values.
 *
 * @param images every image of the baseline render (not annotation-only ones), in render order
 * @param renders how many renders the trace took, the baseline included
 * @param insecureImagesAllowed whether the chart refused substituted images (Bitnami's {@code
 *     global.security.allowInsecureImages}) and the trace had to allow them
 * @param notes values that could not be marked, and why
 */
public record Provenance(
    List<TracedImage> images, int renders, boolean insecureImagesAllowed, List<String> notes) {
  public Provenance {
    images = List.copyOf(images);
    notes = List.copyOf(notes);
  }
}
