package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import java.util.List;

/**
 * What {@link ReleaseDiscovery#discover} found.
 *
 * @param releases every release, in the order of the files that declare them (paths sorted), then
 *     the releases of chart directories no declaration uses
 * @param skipped every declaration (or part of one) left out, with why, in the same order
 */
public record Discovery(List<Release> releases, List<Skipped> skipped) {

  public Discovery {
    releases = List.copyOf(releases);
    skipped = List.copyOf(skipped);
  }
}
