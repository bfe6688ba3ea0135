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
  // real paths of the directories walked: a symbolic link back up the tree must not loop
  private final Set<Path> visited = new HashSet<>();

  private RepoWalk() {}

  static Layout walk(Path root) {
    RepoWalk w = new RepoWalk();
    w.directory(root);
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
        if (!(chart && CHART_INTERNALS.contains(name))) {
          directory(child);
        }
      } else if (!chart && YAML.matcher(name).matches() && Files.isRegularFile(child)) {
        files.add(child);
      }
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
      for (Path t : walk.filter(Files::isRegularFile).toList()) {
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
}
