package dev.katafraktos.render;

/**
 * The outcome of rendering one chart: a manifest or the reason there is none.
 *
 * @param request what was rendered
 * @param manifest the rendered chart, or {@code null} on failure
 * @param failure why rendering failed, or {@code null} on success
 */
public record RenderResult(
    RenderRequest request, RenderedManifest manifest, RenderException failure) {

  static RenderResult of(ChartRenderer renderer, RenderRequest request) {
    try {
      return new RenderResult(request, renderer.render(request), null);
    } catch (RenderException e) {
      return new RenderResult(request, null, e);
    }
  }

  public boolean ok() {
    return failure == null;
  }
}
