package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One chart rendered as one release: its own values files, {@code --set} entries, release name and
 * namespace. A request of several releases renders each with its own options, as a deployment of
 * several {@code helm install}s would.
 *
 * @param chart a chart directory or packaged chart
 * @param render how to render it
 * @param label how reports name the release ({@code null}: the chart path as given), e.g. the path
 *     as written in a build file when {@code chart} had to be made absolute
 * @param declared the release as a repository declares it (a {@link ReleaseSet} entry, with its
 *     environment and the file that declared it, paths relative to the set's root), or {@code null}
 *     for a chart named directly. Releases that have one are rendered independently: one that
 *     cannot be rendered is reported in {@link Inventory#failures()} and the others still count.
 */
public record Release(
    Path chart, RenderOptions render, String label, dev.katafraktos.model.Release declared) {

  public Release {
    Objects.requireNonNull(chart, "chart");
    render = render == null ? RenderOptions.defaults() : render;
  }

  /** A chart named directly, reported as {@code label}. */
  public Release(Path chart, RenderOptions render, String label) {
    this(chart, render, label, null);
  }

  /** {@code chart} rendered with {@code render}, named by its path. */
  public static Release of(Path chart, RenderOptions render) {
    return new Release(chart, render, null, null);
  }

  /** The name reports give the release: {@link #label()}, else the chart path as given. */
  public String displayName() {
    return label != null ? label : chart.toString();
  }
}
