package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Charts that no declaration uses, each as its own release: one with the chart's default values,
 * and one per {@code values-<env>.yaml} or {@code values.<env>.yaml} next to its {@code Chart.yaml}
 * (environment {@code <env>}, that one values file). Every such release is named after the chart
 * ({@code name} in {@code Chart.yaml}), as {@code helm install web ./web -f values-prod.yaml} would
 * name it; the environment tells them apart.
 */
final class ChartDirectories {
  private ChartDirectories() {}

  static void read(Path dir, Scan scan) {
    Path chartYaml = dir.resolve("Chart.yaml");
    String what = "chart " + scan.rel(dir);
    try {
      scan.insideChart(dir, "chart");
    } catch (Unusable e) {
      scan.skip(chartYaml, what, e.getMessage());
      return;
    }
    YNode chart;
    try {
      List<YNode> docs = YamlFile.read(chartYaml, scan.rel(chartYaml)).documents();
      chart = docs.isEmpty() ? YNode.missing() : docs.get(0);
    } catch (YamlFile.Invalid e) {
      scan.skip(chartYaml, what, e.getMessage());
      return;
    }
    if ("library".equals(chart.get("type").name())) {
      scan.skip(chartYaml, what, "a library chart renders nothing on its own");
      return;
    }
    String name = chart.get("name").name();
    if (name == null) {
      name = dir.getFileName().toString();
    }
    ReleaseOrigin origin = ReleaseOrigin.of(chartYaml, ReleaseOrigin.Kind.CHART_DIR);
    scan.release(Release.of(name, null, dir, List.of(), null, origin));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = ReleaseDraft.ENVIRONMENT_FILE.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          try {
            scan.inside(f, "values file");
          } catch (Unusable e) {
            scan.skip(f, what + " [" + m.group(1) + "]", e.getMessage());
            continue;
          }
          scan.release(Release.of(name, null, dir, List.of(f), m.group(1), origin));
        }
      }
    } catch (IOException e) {
      scan.skip(chartYaml, what, "cannot list its values files: " + e);
    }
  }
}
