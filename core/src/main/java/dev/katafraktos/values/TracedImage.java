package dev.katafraktos.values;

import dev.katafraktos.model.ImageOccurrence;
import java.util.List;

/**
 * An image of a render and the values that control it.
 *
 * @param site where it stands
 * @param occurrence the occurrence in the baseline render
 * @param controls the values that changed it when marked, exact ones first
 * @param changedOtherwise whether marking changed the image without any marker in it (a value
 *     steers it through a condition): its controls are then incomplete
 */
public record TracedImage(
    ImageSite site, ImageOccurrence occurrence, List<Control> controls, boolean changedOtherwise) {
  public TracedImage {
    controls = List.copyOf(controls);
  }

  public String image() {
    return occurrence.image();
  }

  /** Hard-coded: no value moves it. */
  public boolean controllable() {
    return !controls.isEmpty();
  }
}
