package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release being read from a declaration. */
final class ReleaseDraft {
  /** {@code values-prod.yaml}, {@code values.prod.yml}: the environment is {@code prod}. */
  static final Pattern ENVIRONMENT_FILE = Pattern.compile("values[-.]([^/\\\\]+?)\\.ya?ml");

  final String name;
  final Path chart;
  final ReleaseOrigin origin;
  String namespace;
  String kubeVersion;
  String environment;
  final List<Path> valuesFiles = new ArrayList<>();
  final List<String> inlineValues = new ArrayList<>();
  final List<String> set = new ArrayList<>();
  final List<String> setString = new ArrayList<>();

  ReleaseDraft(String name, Path chart, ReleaseOrigin origin) {
    this.name = name;
    this.chart = chart;
    this.origin = origin;
  }

  /** Adds YAML text to apply after the values files; blank text (or {@code {}}) adds nothing. */
  void inline(String yaml) {
    String t = yaml.strip();
    if (!t.isEmpty() && !t.equals("{}")) {
      inlineValues.add(t + "\n");
    }
  }

  Release build() {
    return new Release(
        name,
        namespace,
        chart,
        valuesFiles,
        inlineValues,
        set,
        setString,
        kubeVersion,
        environment != null ? environment : environment(valuesFiles),
        origin);
  }

  /** The environment a list of values files names: that of the last {@code values-<env>.yaml}. */
  static String environment(List<Path> files) {
    String env = null;
    for (Path f : files) {
      Matcher m = ENVIRONMENT_FILE.matcher(f.getFileName().toString());
      if (m.matches()) {
        env = m.group(1);
      }
    }
    return env;
  }

  /** A chart directory (with a {@code Chart.yaml}) or a packaged chart file. */
  static boolean isChart(Path p) {
    return Files.isRegularFile(p.resolve("Chart.yaml"))
        || Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tgz");
  }
}
