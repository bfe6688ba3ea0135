package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files a release's render depends on, for deciding which releases a change touches: the chart
 * (a directory, with every chart it names as a {@code file://} dependency, transitively, or a
 * packaged chart), its values files, and the file that declared it.
 */
public final class ReleaseInputs {
  private ReleaseInputs() {}

  /**
   * The absolute, normalized paths {@code release} depends on; a directory stands for everything
   * under it.
   */
  public static Set<Path> of(Release release) {
    Set<Path> inputs = new LinkedHashSet<>();
    inputs.add(release.origin().file().toAbsolutePath().normalize());
    release.valuesFiles().forEach(f -> inputs.add(f.toAbsolutePath().normalize()));
    Deque<Path> charts = new ArrayDeque<>(List.of(release.chart().toAbsolutePath().normalize()));
    while (!charts.isEmpty()) {
      Path chart = charts.pop();
      if (inputs.add(chart) && Files.isDirectory(chart)) {
        charts.addAll(localDependencies(chart));
      }
    }
    return inputs;
  }

  /**
   * Whether {@code release} depends on any of {@code changed} (absolute paths). A chart's own
   * {@code values-<env>.yaml} or {@code values.<env>.yaml} is not part of the chart (helm reads
   * only {@code values.yaml}): it touches only the releases that name it as a values file.
   */
  public static boolean touchedBy(Release release, Set<Path> changed) {
    Set<Path> inputs = of(release);
    Set<Path> valuesFiles = new LinkedHashSet<>();
    release.valuesFiles().forEach(f -> valuesFiles.add(f.toAbsolutePath().normalize()));
    for (Path path : changed) {
      Path p = path.toAbsolutePath().normalize();
      if (valuesFiles.contains(p)) {
        return true;
      }
      for (Path input : inputs) {
        if (p.startsWith(input) && !environmentValues(input, p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code file} is a {@code values-<env>.yaml} beside {@code chart}'s Chart.yaml. */
  private static boolean environmentValues(Path chart, Path file) {
    return chart.equals(file.getParent())
        && ENVIRONMENT_VALUES.matcher(file.getFileName().toString()).matches()
        && Files.isRegularFile(chart.resolve("Chart.yaml"));
  }

  private static final Pattern ENVIRONMENT_VALUES = Pattern.compile("values[-.][^/]+\\.ya?ml");

  /**
   * The chart directories {@code chart}'s {@code Chart.yaml} names as {@code file://} repositories.
   */
  private static List<Path> localDependencies(Path chart) {
    Path chartYaml = chart.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      return List.of();
    }
    List<YNode> docs;
    try {
      docs = YamlFile.read(chartYaml, chartYaml.toString()).documents();
    } catch (YamlFile.Invalid e) {
      return List.of(); // the render reports it
    }
    if (docs.isEmpty()) {
      return List.of();
    }
    return docs.get(0).get("dependencies").items().stream()
        .map(d -> d.get("repository").name())
        .filter(r -> r != null && r.startsWith("file://"))
        .map(r -> chart.resolve(r.substring("file://".length())).normalize())
        .toList();
  }
}
