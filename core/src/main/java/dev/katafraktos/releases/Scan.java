package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One discovery run: the repository root, what was found so far, and the charts already used. */
final class Scan {
  private final Path root;
  private final RepoRoot guard;
  private final Manifests manifests;
  private final List<Release> releases = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private final Set<Path> usedCharts = new HashSet<>();
  // a chart used by many declarations is walked once: why it was refused, or "" if it was not
  private final Map<Path, String> checkedCharts = new HashMap<>();

  Scan(RepoRoot guard, Manifests manifests) {
    this.root = guard.dir();
    this.guard = guard;
    this.manifests = manifests;
  }

  Path root() {
    return root;
  }

  /** The guard every chart and values file a release uses passes. */
  RepoRoot guard() {
    return guard;
  }

  /** The ConfigMaps, Secrets and HelmCharts the repository's manifests define. */
  Manifests manifests() {
    return manifests;
  }

  void release(Release release) {
    releases.add(release);
    usedCharts.add(release.chart());
  }

  void skip(Path origin, String what, String reason) {
    skipped.add(new Skipped(origin, what, reason));
  }

  /**
   * Marks a chart as declared even though its release was skipped, so it is not discovered again as
   * a plain chart directory with default values the declaration did not ask for.
   */
  void uses(Path chart) {
    usedCharts.add(chart);
  }

  boolean isUsed(Path chart) {
    return usedCharts.contains(chart);
  }

  Discovery result() {
    return new Discovery(releases, skipped);
  }

  /** {@code path} relative to the root with {@code /} separators, for messages. */
  String rel(Path path) {
    Path r = path.startsWith(root) ? root.relativize(path) : path;
    String s = r.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  /**
   * {@code relative} resolved against {@code base}; a leading {@code /} means the repository root,
   * as Argo CD reads it.
   *
   * @throws Unusable when the result leaves the repository, by its text or through a link
   */
  Path resolve(Path base, String relative, String what) throws Unusable {
    Path p =
        relative.startsWith("/")
            ? root.resolve(relative.substring(1)).normalize()
            : base.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new Unusable(what + " " + relative + " is outside the repository");
    }
    return inside(p, what);
  }

  /** {@code path} if no link leads it outside the repository ({@link RepoRoot#check}). */
  Path inside(Path path, String what) throws Unusable {
    try {
      return guard.check(path, what);
    } catch (OutsideRepositoryException e) {
      throw new Unusable(e.getMessage());
    }
  }

  /**
   * Checks a chart directory with everything in it, or a packaged chart, before it is read or used.
   */
  void insideChart(Path chart, String what) throws Unusable {
    String refused =
        checkedCharts.computeIfAbsent(
            chart,
            c -> {
              try {
                guard.checkChart(c, what);
                return "";
              } catch (OutsideRepositoryException e) {
                return e.getMessage();
              }
            });
    if (!refused.isEmpty()) {
      throw new Unusable(refused);
    }
  }

  /**
   * The chart at {@code relative}: a directory with a {@code Chart.yaml}, or a packaged chart file.
   */
  Path chart(Path base, String relative) throws Unusable {
    Path p = resolve(base, relative, "chart");
    if (!ReleaseDraft.isChart(p)) {
      throw new Unusable(
          Files.isDirectory(p)
              ? "chart directory " + rel(p) + " has no Chart.yaml"
              : "chart " + rel(p) + " does not exist");
    }
    insideChart(p, "chart");
    return p;
  }

  /** A values file at {@code relative} that must exist. */
  Path valuesFile(Path base, String relative) throws Unusable {
    Path p = resolve(base, relative, "values file");
    if (!Files.isRegularFile(p)) {
      throw new Unusable("values file " + rel(p) + " does not exist");
    }
    return p;
  }
}
