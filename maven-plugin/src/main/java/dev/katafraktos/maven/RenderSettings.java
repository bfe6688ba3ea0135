package dev.katafraktos.maven;

import dev.katafraktos.api.RendererKind;
import java.nio.file.Path;

/**
 * The render parameters every release shares: which helm renders, and the {@code helm template}
 * flags that are not per release.
 *
 * @param renderer embedded (no helm binary needed) or a helm binary
 * @param helmBinary the helm binary, or {@code null} for helm on PATH
 * @param kubeVersion {@code .Capabilities.KubeVersion}, or {@code null} for the renderer's default
 * @param apiVersions added to {@code .Capabilities.APIVersions}
 * @param includeCrds keep the documents of the charts' {@code crds/} directories
 * @param skipChartTests drop chart tests
 */
record RenderSettings(
    RendererKind renderer,
    Path helmBinary,
    String kubeVersion,
    java.util.List<String> apiVersions,
    boolean includeCrds,
    boolean skipChartTests) {

  /** {@code embedded} or {@code helm}; a helm binary implies {@code helm}. */
  static RendererKind renderer(String name, Path helmBinary) throws ConfigurationError {
    String value = name == null || name.isBlank() ? "embedded" : name.trim();
    return switch (value) {
      case "embedded" -> helmBinary == null ? RendererKind.EMBEDDED : RendererKind.HELM;
      case "helm" -> RendererKind.HELM;
      default ->
          throw new ConfigurationError(
              "renderer '" + name + "' is not known; use embedded (the default) or helm");
    };
  }
}
