package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.List;
import java.util.Map;

/**
 * The values to set so that images become their targets.
 *
 * @param edits the values to set, in the order they were chosen
 * @param movedBy for each image that moves, the values that move it
 * @param unmovable images that should move but cannot, with the reason
 */
public record MovePlan(
    Map<ValuePath, String> edits,
    Map<ImageSite, List<ValuePath>> movedBy,
    Map<ImageSite, String> unmovable) {
  public MovePlan {
    edits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(edits));
    movedBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(movedBy));
    unmovable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unmovable));
  }
}
