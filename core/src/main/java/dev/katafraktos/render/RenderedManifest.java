package dev.katafraktos.render;

import java.util.List;
import java.util.Map;

/**
 * What a chart renders to, split into documents.
 *
 * @param chart the chart as the user named it (directory or packaged {@code .tgz})
 * @param chartName the {@code name} from the chart's {@code Chart.yaml}
 * @param release the release name used to render
 * @param namespace the namespace used to render
 * @param documents the rendered documents in output order (CRDs, manifests, hooks, as {@code helm
 *     template} prints them)
 * @param chartAnnotations the {@code annotations} of the chart's {@code Chart.yaml}
 * @param valuesJson the chart's effective values as a JSON object: {@code .Values} of the top
 *     chart's templates as helm merged it, before any template ran; {@code null} unless the request
 *     asked for {@link RenderRequest.Builder#dumpValues(boolean) dumpValues}
 */
public record RenderedManifest(
    String chart,
    String chartName,
    String release,
    String namespace,
    List<RenderedDocument> documents,
    Map<String, String> chartAnnotations,
    String valuesJson) {

  public RenderedManifest {
    documents = List.copyOf(documents);
    chartAnnotations = Map.copyOf(chartAnnotations);
  }

  /** A manifest without effective values, as most renders are. */
  public RenderedManifest(
      String chart,
      String chartName,
      String release,
      String namespace,
      List<RenderedDocument> documents,
      Map<String, String> chartAnnotations) {
    this(chart, chartName, release, namespace, documents, chartAnnotations, null);
  }
}
