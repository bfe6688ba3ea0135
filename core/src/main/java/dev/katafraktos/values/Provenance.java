package dev.katafraktos.values;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which values control which images of one chart, found by rendering it with marked values.
 *
 * @param images every image of the baseline render (not annotation-only ones), in render order
 * @param renders how many renders the trace took, the baseline included
 * @param insecureImagesAllowed whether the chart refused substituted images (Bitnami's {@code
 *     global.security.allowInsecureImages}) and the trace had to allow them
 * @param notes values that could not be marked, and why
 * @param carried every rendered scalar (of any document, images or not) in which a marked value
 *     showed up, with the values it carries: what else changes when those values are edited
 */
public record Provenance(
    List<TracedImage> images,
    int renders,
    boolean insecureImagesAllowed,
    List<String> notes,
    Map<FieldSite, Carriage> carried) {
  public Provenance {
    images = List.copyOf(images);
    notes = List.copyOf(notes);
    carried = Collections.unmodifiableMap(new LinkedHashMap<>(carried));
  }

  /** Without a trace of what the values are carried into (nothing was marked). */
  public Provenance(
      List<TracedImage> images, int renders, boolean insecureImagesAllowed, List<String> notes) {
    this(images, renders, insecureImagesAllowed, notes, Map.of());
  }

  Provenance withCarried(Map<FieldSite, Carriage> carried) {
    return new Provenance(images, renders, insecureImagesAllowed, notes, carried);
  }
}
