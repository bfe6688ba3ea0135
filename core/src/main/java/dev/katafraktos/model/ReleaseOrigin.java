package dev.katafraktos.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Release} was declared.
 *
 * @param file the file that declared it: an Argo CD Application, a Flux HelmRelease, a helmfile, a
 *     {@code katafraktos.yaml}, or the {@code Chart.yaml} of a chart found on its own
 * @param kind what kind of declaration that file is
 */
public record ReleaseOrigin(Path file, Kind kind) {

  public ReleaseOrigin {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
  }

  public static ReleaseOrigin of(Path file, Kind kind) {
    return new ReleaseOrigin(file, kind);
  }

  /**
   * As reports and logs name it: the kind and the file with forward slashes ({@code argocd
   * apps/web-prod.yaml}); a {@code katafraktos.yaml} just by its path, which says the kind.
   */
  public String display() {
    String path = file.toString().replace(java.io.File.separatorChar, '/');
    return kind == Kind.KATAFRAKTOS_YAML ? path : kind.id() + " " + path;
  }

  /** The kinds of declaration, each with the short id reports print. */
  public enum Kind {
    /** The {@code releases:} section of a {@code katafraktos.yaml}. */
    KATAFRAKTOS_YAML("katafraktos.yaml"),
    /** An Argo CD {@code Application}. */
    ARGOCD("argocd"),
    /** A Flux {@code HelmRelease}. */
    FLUX("flux"),
    /** A release of a {@code helmfile.yaml}. */
    HELMFILE("helmfile"),
    /** A chart directory no other declaration uses, with its default or per-environment values. */
    CHART_DIR("chart-dir");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The short name used in reports and JSON output, e.g. {@code argocd}. */
    public String id() {
      return id;
    }
  }
}
