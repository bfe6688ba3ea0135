package dev.katafraktos.releases;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something a repository declares that discovery could not turn into a release, or a part of a
 * release it had to leave out.
 *
 * @param origin the file it was found in
 * @param what what was skipped, e.g. {@code Application guestbook}, {@code HelmRelease apps/web},
 *     {@code valuesFrom ConfigMap apps/web-values of HelmRelease apps/web}
 * @param reason why, on one line, naming paths relative to the discovered directory
 */
public record Skipped(Path origin, String what, String reason) {

  public Skipped {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(reason, "reason");
  }
}
