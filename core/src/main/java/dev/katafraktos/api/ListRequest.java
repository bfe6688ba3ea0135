package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which charts to inventory and how to render them; the same render options apply to every chart.
 * Defaults are those of {@code helm template}.
 */
public record ListRequest(
    List<Path> charts,
    String release,
    String namespace,
    List<Path> valuesFiles,
    List<String> set,
    List<String> setString,
    String kubeVersion,
    boolean includeCrds,
    boolean skipTests,
    RendererKind renderer,
    Path helmBinary) {

  public ListRequest {
    charts = List.copyOf(charts);
    valuesFiles = List.copyOf(valuesFiles);
    set = List.copyOf(set);
    setString = List.copyOf(setString);
    renderer = renderer == null ? RendererKind.EMBEDDED : renderer;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ListRequest}. */
  public static final class Builder {
    private final List<Path> charts = new ArrayList<>();
    private String release;
    private String namespace;
    private final List<Path> valuesFiles = new ArrayList<>();
    private final List<String> set = new ArrayList<>();
    private final List<String> setString = new ArrayList<>();
    private String kubeVersion;
    private boolean includeCrds;
    private boolean skipTests;
    private RendererKind renderer = RendererKind.EMBEDDED;
    private Path helmBinary;

    public Builder chart(Path chart) {
      charts.add(chart);
      return this;
    }

    public Builder charts(List<Path> charts) {
      this.charts.addAll(charts);
      return this;
    }

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

    public ListRequest build() {
      return new ListRequest(
          charts,
          release,
          namespace,
          valuesFiles,
          set,
          setString,
          kubeVersion,
          includeCrds,
          skipTests,
          renderer,
          helmBinary);
    }
  }
}
