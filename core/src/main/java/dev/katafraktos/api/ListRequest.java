package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Which releases to inventory, each a chart with its own render options.
 *
 * @param releases the releases, in the order the inventory lists them
 */
public record ListRequest(List<Release> releases) {

  public ListRequest {
    releases = List.copyOf(releases);
  }

  /** Every chart rendered with the same options. */
  public ListRequest(List<Path> charts, RenderOptions render) {
    this(sameOptions(charts, render));
  }

  /** Every chart rendered with the same options. */
  public static ListRequest of(List<Path> charts, RenderOptions render) {
    return new ListRequest(charts, render);
  }

  /** Each release rendered with its own options. */
  public static ListRequest ofReleases(List<Release> releases) {
    return new ListRequest(releases);
  }

  static List<Release> sameOptions(List<Path> charts, RenderOptions render) {
    return charts.stream().map(chart -> Release.of(chart, render)).toList();
  }
}
