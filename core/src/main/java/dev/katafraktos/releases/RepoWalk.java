package dev.katafraktos.releases;

import dev.katafraktos.limits.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Walks a repository: the YAML files that may declare releases, and the chart directories.
 *
 * <p>Skips hidden files and directories ({@code .git}, {@code .github}), {@code node_modules}, and
 * inside a chart its {@code charts/} (vendored subcharts are part of their parent), {@code
 * templates/} and {@code crds/} (Go templates are not YAML until rendered) and its own top-level
 * files ({@code values*.yaml} are values, not manifests). A chart's other directories are walked.
 *
 * <p>A symbolic link is followed only where {@link RepoRoot} allows: a link that leads outside the
 * repository (or, in a tree from git objects, any link) is neither walked nor read, and reported.
 */
final class RepoWalk {
  private static final Set<String> CHART_INTERNALS = Set.of("charts", "templates", "crds");
  private static final Pattern YAML = Pattern.compile(".*\\.(ya?ml|ya?ml\\.gotmpl)");
  // an Argo CD Application written in a template: the chart is an app-of-apps rendered by Helm
  private static final Pattern TEMPLATED_APPLICATION =
      Pattern.compile("(?m)^\\s*kind:\\s*[\"']?Application(Set)?[\"']?\\s*$");

  /**
   * What the walk found, each list in walk order (names sorted, depth first).
   *
   * @param files YAML files outside chart internals
   * @param charts directories with a {@code Chart.yaml}
   * @param appOfAppsCharts charts whose templates write Argo CD Applications
   * @param unreadable directories or files the walk could not read
   */
  record Layout(
      List<Path> files, List<Path> charts, List<Path> appOfAppsCharts, List<Skipped> unreadable) {}

  private final List<Path> files = new ArrayList<>();
  private final List<Path> charts = new ArrayList<>();
  private final List<Path> appOfAppsCharts = new ArrayList<>();
  private final List<Skipped> unreadable = new ArrayList<>();
  private final RepoRoot guard;
  // real paths of the directories walked: a symbolic link back up the tree must not loop
  private final Set<Path> visited = new HashSet<>();

  private RepoWalk(RepoRoot guard) {
    this.guard = guard;
  }

  static Layout walk(RepoRoot root) {
    RepoWalk w = new RepoWalk(root);
    w.directory(root.dir());
    return new Layout(w.files, w.charts, w.appOfAppsCharts, w.unreadable);
  }

  private void directory(Path dir) {
    try {
      if (!visited.add(dir.toRealPath())) {
        return;
      }
    } catch (IOException e) {
      unreadable.add(new Skipped(dir, "directory", "cannot resolve it: " + e));
      return;
    }
    boolean chart = Files.isRegularFile(dir.resolve("Chart.yaml"));
    if (chart) {
      charts.add(dir);
      if (rendersApplications(dir.resolve("templates"))) {
        appOfAppsCharts.add(dir);
      }
    }
    for (Path child : children(dir)) {
      String name = child.getFileName().toString();
      if (name.startsWith(".") || name.equals("node_modules")) {
        continue;
      }
      if (Files.isDirectory(child)) {
        if (!(chart && CHART_INTERNALS.contains(name)) && inside(child, "directory")) {
          directory(child);
        }
      } else if (!chart
          && YAML.matcher(name).matches()
          && Files.isRegularFile(child)
          && inside(child, "file")) {
        files.add(child);
      }
    }
  }

  /**
   * Whether {@code child} of a directory already checked may be walked or read: it is no link, or a
   * link {@link RepoRoot} allows. If not, it is reported.
   */
  private boolean inside(Path child, String what) {
    if (!Files.isSymbolicLink(child)) {
      return true;
    }
    try {
      guard.check(child, what);
      return true;
    } catch (OutsideRepositoryException e) {
      unreadable.add(new Skipped(child, what, e.getMessage() + "; not read"));
      return false;
    }
  }

  private List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      unreadable.add(new Skipped(dir, "directory", "cannot list it: " + e));
      return List.of();
    }
  }

  private boolean rendersApplications(Path templates) {
    if (!Files.isDirectory(templates)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(templates)) {
      for (Path t : walk.filter(Files::isRegularFile).filter(this::readable).toList()) {
        String text = BoundedFiles.readString(t); // a huge template is no Application
        if (text.contains("argoproj.io/") && TEMPLATED_APPLICATION.matcher(text).find()) {
          return true;
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // a binary or unreadable template: it renders no Application we could see anyway
    }
    return false;
  }

  private boolean readable(Path template) {
    try {
      guard.check(template, "template");
      return true;
    } catch (OutsideRepositoryException e) {
      return false; // the chart is refused when a release uses it
    }
  }
}
