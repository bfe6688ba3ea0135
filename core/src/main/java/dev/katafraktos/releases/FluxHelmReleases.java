package dev.katafraktos.releases;

import dev.katafraktos.model.ReleaseOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Flux {@code HelmRelease}s whose chart lies in this repository: a {@code GitRepository} source
 * (taken to be the repository being discovered), directly or through a {@code HelmChart} the
 * repository defines.
 *
 * <p>Values apply as helm-controller merges them: the chart's {@code valuesFiles}, then each {@code
 * valuesFrom} in order, then {@code spec.values}. Two differences are not modelled: Flux replaces
 * the chart's {@code values.yaml} when {@code valuesFiles} is set (here it stays underneath), and
 * it shortens release names over 53 characters.
 */
final class FluxHelmReleases {
  private FluxHelmReleases() {}

  static boolean accepts(YNode doc) {
    String api = doc.get("apiVersion").name();
    return api != null
        && api.startsWith("helm.toolkit.fluxcd.io/")
        && "HelmRelease".equals(doc.get("kind").name());
  }

  static void read(YNode hr, Path file, Scan scan) {
    String name = hr.at("metadata", "name").name();
    String namespace = hr.at("metadata", "namespace").name();
    String what =
        "HelmRelease " + qualified(namespace, name == null ? "at " + hr.position() : name);
    if (name == null) {
      scan.skip(file, what, "it has no metadata.name");
      return;
    }
    try {
      read(hr, name, namespace, file, scan, what);
    } catch (Unusable e) {
      scan.skip(file, what, e.getMessage());
    }
  }

  private static void read(
      YNode hr, String name, String namespace, Path file, Scan scan, String what) throws Unusable {
    YNode spec = hr.get("spec");
    YNode chartSpec = chartSpec(spec, namespace, scan);
    String chartPath = chartSpec.get("chart").name();
    if (chartPath == null) {
      throw new Unusable("spec.chart.spec.chart is not set");
    }
    Path chart = scan.chart(scan.root(), chartPath);
    scan.uses(chart);
    String target = spec.get("targetNamespace").name();
    String release = spec.get("releaseName").name();
    ReleaseDraft draft =
        new ReleaseDraft(
            // helm-controller's default: [targetNamespace-]name
            release != null ? release : (target != null ? target + "-" : "") + name,
            chart,
            ReleaseOrigin.of(file, ReleaseOrigin.Kind.FLUX));
    draft.namespace = target != null ? target : namespace;
    for (YNode v : chartSpec.get("valuesFiles").items()) {
      if (v.name() != null) {
        draft.valuesFiles.add(scan.valuesFile(scan.root(), v.name()));
      }
    }
    if (chartSpec.get("valuesFile").name() != null) { // deprecated single form
      draft.valuesFiles.add(scan.valuesFile(scan.root(), chartSpec.get("valuesFile").name()));
    }
    for (YNode ref : spec.get("valuesFrom").items()) {
      String kind = ref.get("kind").name();
      String what2 =
          "valuesFrom " + kind + " " + qualified(namespace, ref.get("name").name()) + " of " + what;
      try {
        draft.inline(valuesFrom(ref, namespace, scan));
      } catch (Unusable e) {
        scan.skip(file, what2, e.getMessage());
      }
    }
    if (spec.get("values").present()) {
      draft.inline(spec.get("values").source());
    }
    if (!spec.get("postRenderers").items().isEmpty()) {
      scan.skip(
          file,
          "postRenderers of " + what,
          "post-renderers are not applied; images they change are not seen");
    }
    scan.release(draft.build());
  }

  /** The {@code HelmChart} spec: inline in the HelmRelease, or a HelmChart it refers to. */
  private static YNode chartSpec(YNode spec, String namespace, Scan scan) throws Unusable {
    YNode chartRef = spec.get("chartRef");
    if (chartRef.present()) {
      String kind = chartRef.get("kind").name();
      String ref =
          kind
              + " "
              + qualified(
                  or(chartRef.get("namespace").name(), namespace), chartRef.get("name").name());
      if (!"HelmChart".equals(kind)) {
        throw new Unusable("chartRef " + ref + " is not available offline");
      }
      YNode helmChart =
          scan.manifests()
              .find(
                  kind,
                  or(chartRef.get("namespace").name(), namespace),
                  chartRef.get("name").name(),
                  ref)
              .doc()
              .get("spec");
      gitSource(helmChart, helmChart.get("chart").name(), namespace);
      return helmChart;
    }
    YNode chartSpec = spec.at("chart", "spec");
    if (!chartSpec.present()) {
      throw new Unusable("it has neither spec.chart nor spec.chartRef");
    }
    gitSource(chartSpec, chartSpec.get("chart").name(), namespace);
    return chartSpec;
  }

  private static void gitSource(YNode chartSpec, String chart, String namespace) throws Unusable {
    YNode source = chartSpec.get("sourceRef");
    String kind = source.get("kind").name();
    if (kind == null) {
      throw new Unusable("the chart's sourceRef has no kind");
    }
    if (!"GitRepository".equals(kind)) {
      throw new Unusable(
          "chart "
              + chart
              + " from "
              + kind
              + " "
              + qualified(or(source.get("namespace").name(), namespace), source.get("name").name())
              + " is not available offline");
    }
  }

  /** The values one {@code valuesFrom} entry names, when this repository defines them. */
  private static String valuesFrom(YNode ref, String namespace, Scan scan) throws Unusable {
    String kind = ref.get("kind").name();
    String name = ref.get("name").name();
    String key = or(ref.get("valuesKey").name(), "values.yaml");
    String what = kind + " " + qualified(namespace, name);
    if (!"ConfigMap".equals(kind) && !"Secret".equals(kind)) {
      throw new Unusable("kind " + kind + " is neither ConfigMap nor Secret");
    }
    if (ref.get("targetPath").name() != null) {
      throw new Unusable("values with a targetPath are not applied");
    }
    Manifests.Defined defined = scan.manifests().find(kind, namespace, name, what);
    YNode doc = defined.doc();
    String where = what + " (" + scan.rel(defined.file()) + ")";
    if (doc.get("sops").present()) {
      throw new Unusable(where + " is encrypted with SOPS");
    }
    String text = doc.at("data", key).text();
    if (kind.equals("Secret")) {
      String plain = doc.at("stringData", key).text();
      if (plain != null) {
        return plain;
      }
      if (text != null) {
        try {
          return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new Unusable(where + " data key " + key + " is not base64");
        }
      }
    }
    if (text == null) {
      throw new Unusable(where + " has no data key " + key);
    }
    return text;
  }

  private static String qualified(String namespace, String name) {
    return namespace == null ? String.valueOf(name) : namespace + "/" + name;
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
