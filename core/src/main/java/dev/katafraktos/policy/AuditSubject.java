package dev.katafraktos.policy;

import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import java.util.List;
import java.util.Objects;

/**
 * One distinct image of one chart, with what the registries said about it.
 *
 * @param chart the chart as the user named it
 * @param image the image exactly as rendered
 * @param reference the normalized reference, {@code null} when the image is not a valid one
 * @param occurrences where the image occurs, in render order
 * @param target the reference after mapping, {@code null} when no mapping applies
 * @param check the check of the image as rendered, {@code null} when offline or not checked
 * @param targetCheck the check of {@code target}, {@code null} likewise
 * @param harborRefusal why Harbor would refuse the pull, {@code null} when it would not (or was not
 *     asked)
 */
public record AuditSubject(
    String chart,
    String image,
    ImageRef reference,
    List<ImageOccurrence> occurrences,
    ImageRef target,
    ImageCheck check,
    ImageCheck targetCheck,
    String harborRefusal) {
  public AuditSubject {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(image, "image");
    occurrences = List.copyOf(occurrences);
  }

  /** A subject that was not checked (offline): only the static rules apply to it. */
  public static AuditSubject unchecked(
      String chart,
      String image,
      ImageRef reference,
      List<ImageOccurrence> occurrences,
      ImageRef target) {
    return new AuditSubject(chart, image, reference, occurrences, target, null, null, null);
  }

  /** The reference a pull would use after rewriting: the target when mapped, else the image. */
  public ImageRef effectiveReference() {
    return target != null ? target : reference;
  }

  /** The check of {@link #effectiveReference()}, or {@code null}. */
  public ImageCheck effectiveCheck() {
    return target != null ? targetCheck : check;
  }

  /** The first occurrence, or {@code null} when there is none. */
  public ImageOccurrence firstOccurrence() {
    return occurrences.isEmpty() ? null : occurrences.get(0);
  }
}
