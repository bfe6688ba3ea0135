package dev.katafraktos.maven;

import dev.katafraktos.api.RenderOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configured {@code <releases>} and {@code katafraktos.charts} as core releases. */
final class Releases {
  private Releases() {}

  /**
   * Each {@code <release>}, then each chart of {@code charts} (rendered with the defaults).
   *
   * @param basedir the project directory, against which relative paths are resolved
   * @throws ConfigurationError no release at all, a release without a chart, a chart or values file
   *     that does not exist
   */
  static List<dev.katafraktos.api.Release> resolve(
      Path basedir, List<Release> releases, List<File> charts, RenderSettings settings)
      throws ConfigurationError {
    List<dev.katafraktos.api.Release> resolved = new ArrayList<>();
    int index = 0;
    for (Release release : releases == null ? List.<Release>of() : releases) {
      index++;
      if (release.chart == null) {
        throw new ConfigurationError(
            "<release> number " + index + " has no <chart>; name a chart directory or .tgz");
      }
      Path chart = existingChart(basedir, release.chart, "<chart>");
      RenderOptions.Builder options = options(settings).release(release.name);
      options.namespace(release.namespace);
      List<Path> values = new ArrayList<>();
      for (File file : release.valuesFiles) {
        Path path = absolute(basedir, file);
        if (!Files.isRegularFile(path)) {
          throw new ConfigurationError(
              "Values file "
                  + label(basedir, path)
                  + " of chart "
                  + label(basedir, chart)
                  + " not found ("
                  + path
                  + "); check <valuesFiles>");
        }
        values.add(path);
      }
      options.valuesFiles(values).set(entries(release.set)).setString(entries(release.setString));
      resolved.add(new dev.katafraktos.api.Release(chart, options.build(), label(basedir, chart)));
    }
    for (File file : charts == null ? List.<File>of() : charts) {
      Path chart = existingChart(basedir, file, "katafraktos.charts");
      resolved.add(
          new dev.katafraktos.api.Release(chart, options(settings).build(), label(basedir, chart)));
    }
    if (resolved.isEmpty()) {
      throw new ConfigurationError(
          "No chart configured; add <releases><release><chart>DIR</chart></release></releases>"
              + " to the plugin configuration, run with -Dkatafraktos.charts=DIR[,DIR...] or"
              + " -Dkatafraktos.discover=DIR, or list releases: in the configFile");
    }
    return resolved;
  }

  /** The render options every release shares; a release set's releases bring the rest. */
  static RenderOptions.Builder options(RenderSettings settings) {
    return RenderOptions.builder()
        .renderer(settings.renderer())
        .helmBinary(settings.helmBinary())
        .kubeVersion(settings.kubeVersion())
        .apiVersions(settings.apiVersions())
        .includeCrds(settings.includeCrds())
        .skipTests(settings.skipChartTests());
  }

  private static Path existingChart(Path basedir, File file, String parameter)
      throws ConfigurationError {
    Path chart = absolute(basedir, file);
    if (!Files.exists(chart)) {
      throw new ConfigurationError(
          "Chart " + label(basedir, chart) + " not found (" + chart + "); check " + parameter);
    }
    return chart;
  }

  private static List<String> entries(Map<String, String> values) {
    List<String> entries = new ArrayList<>();
    if (values != null) {
      values.forEach((key, value) -> entries.add(key + "=" + (value == null ? "" : value.trim())));
    }
    return entries;
  }

  static Path absolute(Path basedir, File file) {
    return basedir.resolve(file.toPath()).toAbsolutePath().normalize();
  }

  /** A path as the user wrote it: relative to the project when inside it. */
  static String label(Path basedir, Path path) {
    Path base = basedir.toAbsolutePath().normalize();
    return path.startsWith(base) && !path.equals(base)
        ? base.relativize(path).toString()
        : path.toString();
  }
}
