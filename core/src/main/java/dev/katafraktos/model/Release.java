package dev.katafraktos.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One Helm release as a repository declares it: what {@code helm template} needs to render it.
 *
 * <p>Values apply in the order helm (and Argo CD, Flux, helmfile) apply them: the chart's own
 * {@code values.yaml}, then {@code valuesFiles}, then {@code inlineValues}, then {@code set} and
 * {@code setString}.
 *
 * @param name the release name
 * @param namespace the namespace; {@code null} or blank becomes {@value #DEFAULT_NAMESPACE}
 * @param chart a chart directory or a packaged {@code .tgz}
 * @param valuesFiles values files, in order; later files win
 * @param inlineValues YAML texts applied after the files, in order (Argo CD {@code helm.values} and
 *     {@code helm.valuesObject}, Flux {@code spec.values} and {@code valuesFrom}, helmfile inline
 *     values)
 * @param set {@code --set} entries ({@code key=value}), in order
 * @param setString {@code --set-string} entries ({@code key=value}), in order
 * @param kubeVersion the Kubernetes version to render for, or {@code null} for the renderer's
 * @param environment a label such as {@code prod} (from a {@code values-prod.yaml} file name or a
 *     declaration), or {@code null}
 * @param origin the file that declared the release and its kind
 */
public record Release(
    String name,
    String namespace,
    Path chart,
    List<Path> valuesFiles,
    List<String> inlineValues,
    List<String> set,
    List<String> setString,
    String kubeVersion,
    String environment,
    ReleaseOrigin origin) {

  public static final String DEFAULT_NAMESPACE = "default";

  public Release {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(origin, "origin");
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    valuesFiles = List.copyOf(valuesFiles);
    inlineValues = List.copyOf(inlineValues);
    set = List.copyOf(set);
    setString = List.copyOf(setString);
  }

  /** A release with only values files: no inline values, no {@code --set}, no kube version. */
  public static Release of(
      String name,
      String namespace,
      Path chart,
      List<Path> valuesFiles,
      String environment,
      ReleaseOrigin origin) {
    return new Release(
        name,
        namespace,
        chart,
        valuesFiles,
        List.of(),
        List.of(),
        List.of(),
        null,
        environment,
        origin);
  }
}
