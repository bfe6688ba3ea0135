package dev.katafraktos.api;

import java.util.Objects;

/**
 * A release of a release set that could not be rendered, so none of its images were audited.
 *
 * @param release how reports name the release
 * @param declared the release as declared, with the file that declared it
 * @param message helm's reason, naming the chart and template, on one line
 */
public record RenderFailure(
    String release, dev.katafraktos.model.Release declared, String message) {
  public RenderFailure {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(message, "message");
  }
}
