package dev.katafraktos.api;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import java.util.List;

/**
 * One distinct image of a chart, with every place it occurs.
 *
 * @param image the image exactly as rendered
 * @param reference the normalized reference (tag {@code latest} when it has neither tag nor
 *     digest), or {@code null} when the image is not a valid reference
 * @param occurrences where it occurs, in render order
 */
public record InventoryImage(String image, ImageRef reference, List<ImageOccurrence> occurrences) {
  public InventoryImage {
    occurrences = List.copyOf(occurrences);
  }
}
