package dev.katafraktos.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to render: one chart with the options of {@code helm template}.
 *
 * @param chart a chart directory or a packaged {@code .tgz}
 * @param release the release name ({@code release-name} by default, as {@code helm template})
 * @param namespace the namespace ({@code default} by default)
 * @param valuesFiles values files, in order; later files win
 * @param set {@code --set} entries ({@code key=value[,key=value]}), in order
 * @param setString {@code --set-string} entries, in order
 * @param kubeVersion the Kubernetes version for {@code .Capabilities.KubeVersion}, or {@code null}
 *     for the renderer's default (the one the helm CLI of the same version uses)
 * @param includeCrds whether the documents of the chart's {@code crds/} directories are kept
 * @param apiVersions {@code --api-versions}: group/versions (or group/version/kind) added to {@code
 *     .Capabilities.APIVersions}
 * @param skipTests whether chart tests ({@code helm.sh/hook: test}) are dropped
 * @param dumpValues whether the manifest also carries the chart's effective values ({@link
 *     RenderedManifest#valuesJson()})
 */
public record RenderRequest(
    Path chart,
    String release,
    String namespace,
    List<Path> valuesFiles,
    List<String> set,
    List<String> setString,
    String kubeVersion,
    List<String> apiVersions,
    boolean includeCrds,
    boolean skipTests,
    boolean dumpValues) {

  public static final String DEFAULT_RELEASE = "release-name";
  public static final String DEFAULT_NAMESPACE = "default";

  public RenderRequest {
    Objects.requireNonNull(chart, "chart");
    release = release == null || release.isBlank() ? DEFAULT_RELEASE : release;
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    valuesFiles = List.copyOf(valuesFiles);
    set = List.copyOf(set);
    setString = List.copyOf(setString);
    apiVersions = List.copyOf(apiVersions);
  }

  public static Builder builder(Path chart) {
    return new Builder(chart);
  }

  /** A builder with {@code helm template}'s defaults. */
  public static final class Builder {
    private final Path chart;
    private String release = DEFAULT_RELEASE;
    private String namespace = DEFAULT_NAMESPACE;
    private final List<Path> valuesFiles = new ArrayList<>();
    private final List<String> set = new ArrayList<>();
    private final List<String> setString = new ArrayList<>();
    private String kubeVersion;
    private final List<String> apiVersions = new ArrayList<>();
    private boolean includeCrds;
    private boolean skipTests;
    private boolean dumpValues;

    private Builder(Path chart) {
      this.chart = chart;
    }

    public Builder release(String release) {
      this.release = release;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder valuesFile(Path file) {
      valuesFiles.add(file);
      return this;
    }

    public Builder valuesFiles(List<Path> files) {
      valuesFiles.addAll(files);
      return this;
    }

    public Builder set(String entry) {
      set.add(entry);
      return this;
    }

    public Builder set(List<String> entries) {
      set.addAll(entries);
      return this;
    }

    public Builder setString(String entry) {
      setString.add(entry);
      return this;
    }

    public Builder setString(List<String> entries) {
      setString.addAll(entries);
      return this;
    }

    public Builder kubeVersion(String kubeVersion) {
      this.kubeVersion = kubeVersion;
      return this;
    }

    /** {@code --api-versions}: added to {@code .Capabilities.APIVersions}. */
    public Builder apiVersions(List<String> versions) {
      apiVersions.addAll(versions);
      return this;
    }

    public Builder includeCrds(boolean includeCrds) {
      this.includeCrds = includeCrds;
      return this;
    }

    public Builder skipTests(boolean skipTests) {
      this.skipTests = skipTests;
      return this;
    }

    /**
     * Also returns the values the chart's templates see as {@code .Values}, as helm merged them:
     * chart and subchart defaults, globals, values files and {@code --set} entries. Costs a copy of
     * the chart per renderer and a slightly larger render.
     */
    public Builder dumpValues(boolean dumpValues) {
      this.dumpValues = dumpValues;
      return this;
    }

    public RenderRequest build() {
      return new RenderRequest(
          chart,
          release,
          namespace,
          valuesFiles,
          set,
          setString,
          kubeVersion,
          apiVersions,
          includeCrds,
          skipTests,
          dumpValues);
    }
  }
}
