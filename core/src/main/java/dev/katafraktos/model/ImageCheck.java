package dev.katafraktos.model;

import java.util.List;
import java.util.Objects;

/**
 * What a registry said about one image reference.
 *
 * @param reference the reference checked (normalized)
 * @param availability the outcome
 * @param digest the manifest digest the registry resolved the reference to, or {@code null}
 * @param mediaType the manifest's media type, or {@code null}
 * @param platforms {@code os/arch[/variant]} of a multi-platform index, or of the single image when
 *     known; empty when unknown
 * @param message why it is not {@link Availability#PRESENT} (the registry's own words where it gave
 *     some), or {@code null}
 * @param rateLimit the pull rate limit the registry reported, or {@code null}
 */
public record ImageCheck(
    ImageRef reference,
    Availability availability,
    String digest,
    String mediaType,
    List<String> platforms,
    String message,
    RateLimit rateLimit) {

  public ImageCheck {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(availability, "availability");
    platforms = List.copyOf(platforms);
  }
}
