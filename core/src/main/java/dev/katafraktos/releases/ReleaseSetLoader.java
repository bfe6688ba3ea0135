package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code releases:} section of a {@code katafraktos.yaml} (docs/configuration.md). The
 * file's other keys belong to the audit configuration and are left to its loader.
 *
 * <p>Unlike discovery, which skips what it cannot use, an explicit list is strict: an unknown key,
 * a missing name or chart, or a chart or values file that does not exist is an error, and so is one
 * that a symbolic link leads outside the repository ({@link RepoRoot}).
 */
public final class ReleaseSetLoader {
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "namespace",
          "chart",
          "valuesFiles",
          "set",
          "setString",
          "kubeVersion",
          "environment");

  private ReleaseSetLoader() {}

  /**
   * The releases {@code file} lists, in order; none when it has no {@code releases:} section. Paths
   * in it are relative to its directory; their real paths must be inside the repository the file is
   * in ({@link RepoRoot#enclosing}).
   */
  public static List<Release> load(Path file) throws ReleaseConfigException {
    return load(file, file.toString(), null);
  }

  /**
   * {@link #load(Path)} naming the file {@code label} in messages, every path checked by {@code
   * guard} ({@code null}: by the repository the file is in).
   */
  static List<Release> load(Path file, String label, RepoRoot guard) throws ReleaseConfigException {
    Path absolute = file.toAbsolutePath().normalize();
    List<YNode> docs;
    try {
      docs = YamlFile.read(absolute, label).documents();
    } catch (YamlFile.Invalid e) {
      throw new ReleaseConfigException(e.getMessage());
    }
    if (docs.isEmpty() || !docs.get(0).present()) {
      return List.of();
    }
    YNode root = docs.get(0);
    if (!root.isMapping()) {
      throw error(label, root, "the configuration must be a mapping");
    }
    YNode section = root.get("releases");
    if (!section.present()) {
      return List.of();
    }
    if (!section.isSequence()) {
      throw error(label, section, "releases must be a list");
    }
    RepoRoot repo = guard != null ? guard : RepoRoot.enclosing(absolute);
    List<Release> releases = new ArrayList<>();
    for (YNode entry : section.items()) {
      releases.add(release(entry, absolute, label, repo));
    }
    return releases;
  }

  private static Release release(YNode entry, Path file, String label, RepoRoot root)
      throws ReleaseConfigException {
    if (!entry.isMapping()) {
      throw error(label, entry, "a release must be a mapping with name and chart");
    }
    Map<String, YNode> keys = entry.keys();
    String name = entry.get("name").name();
    String what = "release " + (name == null ? "at " + entry.position() : name);
    for (String key : keys.keySet()) {
      if (!KEYS.contains(key)) {
        throw error(
            label,
            keys.get(key),
            "unknown key '"
                + key
                + "' in "
                + what
                + "; expected one of "
                + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    if (name == null) {
      throw error(label, entry, "a release needs a name");
    }
    String chartText = entry.get("chart").name();
    if (chartText == null) {
      throw error(label, entry, what + " needs a chart");
    }
    Path dir = file.getParent();
    Path chart = dir.resolve(chartText).normalize();
    if (!ReleaseDraft.isChart(chart)) {
      throw error(
          label,
          entry.get("chart"),
          "chart "
              + chartText
              + " of "
              + what
              + (Files.isDirectory(chart) ? " has no Chart.yaml" : " does not exist")
              + " ("
              + chart
              + ")");
    }
    inside(root, chart, true, label, entry.get("chart"), what);
    ReleaseDraft draft =
        new ReleaseDraft(name, chart, ReleaseOrigin.of(file, ReleaseOrigin.Kind.KATAFRAKTOS_YAML));
    draft.namespace = scalar(label, entry, "namespace", what);
    draft.kubeVersion = scalar(label, entry, "kubeVersion", what);
    draft.environment = scalar(label, entry, "environment", what);
    for (YNode v : list(label, entry.get("valuesFiles"), "valuesFiles of " + what)) {
      Path p = dir.resolve(scalar(label, v, "a valuesFiles entry of " + what)).normalize();
      if (!Files.isRegularFile(p)) {
        throw error(
            label, v, "values file " + v.name() + " of " + what + " does not exist (" + p + ")");
      }
      inside(root, p, false, label, v, what);
      draft.valuesFiles.add(p);
    }
    draft.set.addAll(sets(label, entry.get("set"), "set of " + what));
    draft.setString.addAll(sets(label, entry.get("setString"), "setString of " + what));
    return draft.build();
  }

  /** Refuses a chart or values file that a link leads outside the repository. */
  private static void inside(
      RepoRoot root, Path path, boolean chart, String label, YNode node, String what)
      throws ReleaseConfigException {
    try {
      if (chart) {
        root.checkChart(path, "chart");
      } else {
        root.check(path, "values file");
      }
    } catch (OutsideRepositoryException e) {
      throw error(label, node, e.getMessage() + " (" + what + ")");
    }
  }

  /** {@code set} as a mapping of {@code key: value}, or as a list of {@code key=value}. */
  private static List<String> sets(String label, YNode node, String what)
      throws ReleaseConfigException {
    List<String> entries = new ArrayList<>();
    if (node.isMapping()) {
      for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
        YNode v = e.getValue();
        if (v.present() && !v.isScalar()) {
          throw error(label, v, e.getKey() + " in " + what + " must be a single value");
        }
        entries.add(e.getKey() + "=" + (v.text() == null ? "" : v.text()));
      }
      return entries;
    }
    for (YNode item : list(label, node, what)) {
      String s = scalar(label, item, "an entry of " + what);
      if (!s.contains("=")) {
        throw error(label, item, "'" + s + "' in " + what + " must be key=value");
      }
      entries.add(s);
    }
    return entries;
  }

  /** A list; a single value counts as a list of one, nothing as an empty list. */
  private static List<YNode> list(String label, YNode node, String what)
      throws ReleaseConfigException {
    if (!node.present()) {
      return List.of();
    }
    if (node.isScalar()) {
      return List.of(node);
    }
    if (!node.isSequence()) {
      throw error(label, node, what + " must be a list");
    }
    return node.items();
  }

  private static String scalar(String label, YNode entry, String key, String what)
      throws ReleaseConfigException {
    YNode v = entry.get(key);
    return v.present() ? scalar(label, v, key + " of " + what) : null;
  }

  private static String scalar(String label, YNode v, String what) throws ReleaseConfigException {
    if (!v.isScalar() || v.name() == null) {
      throw error(label, v, what + " must be a single, non-empty value");
    }
    return v.name();
  }

  private static ReleaseConfigException error(String label, YNode node, String message) {
    String at = node.position();
    return new ReleaseConfigException(label + (at.isEmpty() ? "" : ":" + at) + ": " + message);
  }
}
