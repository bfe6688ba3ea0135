package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Which charts to inventory and how to render them.
 *
 * @param charts chart directories or packaged charts
 * @param render the render options, the same for every chart
 */
public record ListRequest(List<Path> charts, RenderOptions render) {

  public ListRequest {
    charts = List.copyOf(charts);
    render = render == null ? RenderOptions.defaults() : render;
  }

  public static ListRequest of(List<Path> charts, RenderOptions render) {
    return new ListRequest(charts, render);
  }
}
