package dev.katafraktos.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What a rewrite did (or, on a dry run, would do). Every file change was verified by rendering the
 * chart with it before it was written.
 *
 * @param chart the chart as the user named it
 * @param files each values file the rewrite looked at: edited in place, or the {@code --output}
 *     file
 * @param moved images that now come from their target, with the values that move them
 * @param notControllable images that should move but cannot, with where the template writes them
 * @param alreadyInPlace images that already come from a mapping's target
 * @param unmapped images no mapping covers, left as they are
 * @param renders how many times the chart was rendered
 * @param insecureImagesAllowed whether the chart refuses substituted images unless {@code
 *     global.security.allowInsecureImages} is true (Bitnami), and the rewrite set it
 * @param warnings things the user should know: mappings that match nothing, numeric-looking tags,
 *     aliases replaced by values
 * @param written whether files were written (false on a dry run or when nothing changes)
 * @param alsoChanges rendered fields besides the images that change with the edited values, because
 *     the chart carries those values into them (a ConfigMap of {@code toYaml .Values}, a custom
 *     resource's {@code repository}); the verification accepted them for that reason only
 * @param unresolved image fields that name no image by themselves (a bare {@code image: proxyv2} in
 *     configuration that a program joins with a hub and a tag at run time, a tag-only map, an
 *     injector template): not moved on their own, listed with why
 * @param kubeVersions with several Kubernetes versions, each version the plan was proven on, in the
 *     order given; empty for a rewrite on one version
 */
public record RewriteResult(
    String chart,
    List<FileChange> files,
    List<MovedImage> moved,
    List<UnmovableImage> notControllable,
    List<String> alreadyInPlace,
    List<String> unmapped,
    int renders,
    boolean insecureImagesAllowed,
    List<String> warnings,
    boolean written,
    List<AlsoChange> alsoChanges,
    List<UnresolvedName> unresolved,
    List<VersionCheck> kubeVersions) {

  public RewriteResult {
    kubeVersions = List.copyOf(kubeVersions);
    alsoChanges = List.copyOf(alsoChanges);
    unresolved = List.copyOf(unresolved);
    files = List.copyOf(files);
    moved = List.copyOf(moved);
    notControllable = List.copyOf(notControllable);
    alreadyInPlace = List.copyOf(alreadyInPlace);
    unmapped = List.copyOf(unmapped);
    warnings = List.copyOf(warnings);
  }

  /** A rewrite on one Kubernetes version. */
  public RewriteResult(
      String chart,
      List<FileChange> files,
      List<MovedImage> moved,
      List<UnmovableImage> notControllable,
      List<String> alreadyInPlace,
      List<String> unmapped,
      int renders,
      boolean insecureImagesAllowed,
      List<String> warnings,
      boolean written,
      List<AlsoChange> alsoChanges,
      List<UnresolvedName> unresolved) {
    this(
        chart,
        files,
        moved,
        notControllable,
        alreadyInPlace,
        unmapped,
        renders,
        insecureImagesAllowed,
        warnings,
        written,
        alsoChanges,
        unresolved,
        List.of());
  }

  /** Whether every image that should move moved (or already was in place). */
  public boolean complete() {
    return notControllable.isEmpty();
  }

  /**
   * One values file.
   *
   * @param before its text before (empty for a new file)
   * @param after its text after the rewrite
   * @param edits one line per edit, e.g. {@code image.registry = harbor.corp/hub}
   */
  public record FileChange(Path path, String before, String after, List<String> edits) {
    public FileChange {
      edits = List.copyOf(edits);
    }

    public boolean changed() {
      return !before.equals(after);
    }

    /** A unified diff ({@code diff -u}) from before to after; empty when unchanged. */
    public String diff() {
      return dev.katafraktos.rewrite.UnifiedDiff.of(path.toString(), before, after);
    }
  }

  /**
   * One Kubernetes version of a rewrite on several.
   *
   * @param kubeVersion the version, as given
   * @param verificationRenders how often the chart was rendered with the edited values for it (0:
   *     nothing changed, so nothing needed proving; 2: the chart differs from render to render, and
   *     was rendered once more unchanged)
   */
  public record VersionCheck(String kubeVersion, int verificationRenders) {}

  /** A value set in a file. */
  public record ValueSetting(Path file, String path, String value) {}

  /** An image that moves, and the values that move it. */
  public record MovedImage(String image, String target, List<ValueSetting> values) {
    public MovedImage {
      values = List.copyOf(values);
    }
  }

  /**
   * An image that cannot be moved by values.
   *
   * @param source the template that writes it
   * @param line the line of that template, or 0 when not known
   * @param reason why
   */
  public record UnmovableImage(
      String image, String kind, String name, String source, int line, String reason) {}

  /**
   * An image field that names no image by itself, so nothing moves it on its own.
   *
   * @param value what the field holds ({@code proxyv2}, {@code {"tag":"v1"}})
   * @param path its pointer, as {@code list} reports it
   * @param reason why it is not an image to move, and what moves it if anything does
   */
  public record UnresolvedName(
      String value, String kind, String name, String source, String path, String reason) {}

  /**
   * A rendered field, not an image, that changes because it carries edited values.
   *
   * @param kind the kind of its document
   * @param name the document's {@code metadata.name}
   * @param source the template that writes it
   * @param path its JSON pointer in the document
   * @param values the edited values it carries
   * @param reason why the verification accepted the change
   */
  public record AlsoChange(
      String kind, String name, String source, String path, List<String> values, String reason) {
    public AlsoChange {
      values = List.copyOf(values);
    }

    /** {@code ConfigMap/rel-app data.values: carries image.repository}. */
    @Override
    public String toString() {
      return kind
          + "/"
          + name
          + " "
          + readable(path)
          + ": "
          + (values.isEmpty() ? reason : "carries " + String.join(", ", values));
    }

    private static String readable(String pointer) {
      StringBuilder out = new StringBuilder();
      for (String part : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/", -1)) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(part.replace("~1", "/").replace("~0", "~"));
      }
      return out.toString();
    }
  }
}
