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
 */
public record Release(Path chart, RenderOptions render, String label) {

  public Release {
    Objects.requireNonNull(chart, "chart");
    render = render == null ? RenderOptions.defaults() : render;
  }

  /** {@code chart} rendered with {@code render}, named by its path. */
  public static Release of(Path chart, RenderOptions render) {
    return new Release(chart, render, null);
  }

  /** The name reports give the release: {@link #label()}, else the chart path as given. */
  public String displayName() {
    return label != null ? label : chart.toString();
  }
}
