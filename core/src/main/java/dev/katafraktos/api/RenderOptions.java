package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How charts are rendered, the same for every chart of a request. Defaults are those of {@code helm
 * template}, with the embedded renderer.
 *
 * @param release the release name ({@code null}: {@code release-name})
 * @param namespace the namespace ({@code null}: {@code default})
 * @param valuesFiles values files, in order
 * @param set {@code --set} entries
 * @param setString {@code --set-string} entries
 * @param kubeVersion {@code .Capabilities.KubeVersion}, or {@code null} for the renderer's default
 * @param apiVersions {@code --api-versions}: added to {@code .Capabilities.APIVersions}
 * @param includeCrds keep the documents of the charts' {@code crds/} directories
 * @param skipTests drop chart tests
 * @param renderer which helm renders
 * @param helmBinary the helm binary for {@link RendererKind#HELM}, or {@code null} for PATH
 */
public record RenderOptions(
    String release,
    String namespace,
    List<Path> valuesFiles,
    List<String> set,
    List<String> setString,
    String kubeVersion,
    List<String> apiVersions,
    boolean includeCrds,
    boolean skipTests,
    RendererKind renderer,
    Path helmBinary) {

  public RenderOptions {
    valuesFiles = List.copyOf(valuesFiles);
    set = List.copyOf(set);
    setString = List.copyOf(setString);
    apiVersions = List.copyOf(apiVersions);
    renderer = renderer == null ? RendererKind.EMBEDDED : renderer;
  }

  /** The same options with other values files. */
  public RenderOptions withValuesFiles(List<Path> files) {
    return new RenderOptions(
        release,
        namespace,
        files,
        set,
        setString,
        kubeVersion,
        apiVersions,
        includeCrds,
        skipTests,
        renderer,
        helmBinary);
  }

  /** The same options for another Kubernetes version. */
  public RenderOptions withKubeVersion(String version) {
    return new RenderOptions(
        release,
        namespace,
        valuesFiles,
        set,
        setString,
        version,
        apiVersions,
        includeCrds,
        skipTests,
        renderer,
        helmBinary);
  }

  /** {@code helm template}'s defaults, embedded renderer. */
  public static RenderOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RenderOptions}. */
  public static final class Builder {
    private String release;
    private String namespace;
    private final List<Path> valuesFiles = new ArrayList<>();
    private final List<String> set = new ArrayList<>();
    private final List<String> setString = new ArrayList<>();
    private String kubeVersion;
    private final List<String> apiVersions = new ArrayList<>();
    private boolean includeCrds;
    private boolean skipTests;
    private RendererKind renderer = RendererKind.EMBEDDED;
    private Path helmBinary;

    public Builder release(String release) {
      this.release = release;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder valuesFiles(List<Path> files) {
      valuesFiles.addAll(files);
      return this;
    }

    public Builder set(List<String> entries) {
      set.addAll(entries);
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

    /**
     * {@code --api-versions}: group/versions added to {@code .Capabilities.APIVersions} (the helm
     * binary renderer only; the embedded one refuses them).
     */
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

    public Builder renderer(RendererKind renderer) {
      this.renderer = renderer;
      return this;
    }

    public Builder helmBinary(Path helmBinary) {
      this.helmBinary = helmBinary;
      return this;
    }

    public RenderOptions build() {
      return new RenderOptions(
          release,
          namespace,
          valuesFiles,
          set,
          setString,
          kubeVersion,
          apiVersions,
          includeCrds,
          skipTests,
          renderer,
          helmBinary);
    }
  }
}
