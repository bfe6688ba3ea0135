package dev.katafraktos.releases;

import dev.katafraktos.limits.BoundedFiles;
import dev.katafraktos.model.ReleaseOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The releases of a {@code helmfile.yaml} (or of a file in {@code helmfile.d/}) with local charts.
 *
 * <p>The file is read as plain YAML, as helmfile v1 reads a {@code .yaml}: a {@code .gotmpl} file
 * and a release that contains {@code {{ }}} are skipped. {@code environments:} are not applied:
 * their values reach only templates, which are not rendered, so each release is discovered once,
 * without an environment, and the helmfile gets one skip entry saying so. Values apply in the order
 * listed (files relative to the helmfile, inline maps in place), then {@code set}.
 */
final class Helmfiles {
  private static final Pattern NAME = Pattern.compile("helmfile\\.ya?ml(\\.gotmpl)?");
  private static final Pattern IN_HELMFILE_D = Pattern.compile(".*\\.ya?ml(\\.gotmpl)?");
  private static final Pattern UNESCAPED_COMMA = Pattern.compile("(?<!\\\\),");

  private Helmfiles() {}

  static boolean accepts(Path file) {
    String name = file.getFileName().toString();
    Path parent = file.getParent();
    return NAME.matcher(name).matches()
        || parent != null
            && parent.getFileName() != null
            && parent.getFileName().toString().equals("helmfile.d")
            && IN_HELMFILE_D.matcher(name).matches();
  }

  static void read(Path file, Scan scan) {
    String rel = scan.rel(file);
    if (file.getFileName().toString().endsWith(".gotmpl")) {
      scan.skip(
          file, "helmfile", "it is a Go template (.gotmpl); templated helmfiles are not rendered");
      return;
    }
    YamlFile yaml;
    try {
      yaml = YamlFile.read(file, rel);
    } catch (YamlFile.Invalid e) {
      scan.skip(file, "helmfile", e.getMessage());
      return;
    }
    Map<String, String> repositories = new HashMap<>();
    List<YNode> releases = new ArrayList<>();
    String kubeVersion = null;
    for (YNode doc : yaml.documents()) {
      for (YNode repo : doc.get("repositories").items()) {
        repositories.put(repo.get("name").name(), repo.get("url").name());
      }
      releases.addAll(doc.get("releases").items());
      kubeVersion =
          doc.get("kubeVersion").name() != null ? doc.get("kubeVersion").name() : kubeVersion;
      notes(doc, file, scan);
    }
    Path dir = file.getParent();
    for (YNode r : releases) {
      String name = r.get("name").name();
      String what = "helmfile release " + (name == null ? "at " + r.position() : name);
      try {
        if (name == null) {
          throw new Unusable("it has no name");
        }
        release(r, name, dir, repositories, kubeVersion, file, scan, what);
      } catch (Unusable e) {
        scan.skip(file, what, e.getMessage());
      }
    }
  }

  private static void notes(YNode doc, Path file, Scan scan) {
    if (doc.get("environments").present()) {
      scan.skip(
          file,
          "helmfile environments",
          "environment values reach only templates, which are not rendered;"
              + " each release is discovered once, without an environment");
    }
    if (doc.get("bases").present()) {
      scan.skip(file, "helmfile bases", "bases are not merged");
    }
    for (YNode sub : doc.get("helmfiles").items()) {
      String path = sub.isScalar() ? sub.name() : sub.get("path").name();
      Path p = path == null ? null : file.getParent().resolve(path).normalize();
      if (p == null || !accepts(p)) {
        scan.skip(
            file,
            "helmfiles entry " + path,
            "only files named helmfile.yaml or in helmfile.d/ are read");
      }
    }
  }

  private static void release(
      YNode r,
      String name,
      Path dir,
      Map<String, String> repositories,
      String kubeVersion,
      Path file,
      Scan scan,
      String what)
      throws Unusable {
    if (r.contains("{{")) {
      throw new Unusable("it uses Go template expressions, which are not rendered");
    }
    if ("false".equals(r.get("installed").name())) {
      throw new Unusable("installed: false");
    }
    String chartName = r.get("chart").name();
    if (chartName == null) {
      throw new Unusable("it has no chart");
    }
    Path chart = localChart(chartName, dir, repositories, scan);
    scan.uses(chart);
    ReleaseDraft draft =
        new ReleaseDraft(name, chart, ReleaseOrigin.of(file, ReleaseOrigin.Kind.HELMFILE));
    draft.namespace = r.get("namespace").name();
    draft.kubeVersion = kubeVersion;
    for (YNode v : r.get("values").items()) {
      if (v.isScalar()) {
        valuesFile(v.name(), dir, draft, scan);
      } else if (v.present()) {
        draft.inline(v.source());
      }
    }
    for (YNode s : r.get("set").items()) {
      set(s, draft, file, scan, what);
    }
    if (!r.get("secrets").items().isEmpty()) {
      scan.skip(file, "secrets of " + what, "secrets files are not decrypted");
    }
    scan.release(draft.build());
  }

  private static Path localChart(
      String chart, Path dir, Map<String, String> repositories, Scan scan) throws Unusable {
    boolean explicit = chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/");
    if (!explicit && (chart.contains("://") || !Files.exists(dir.resolve(chart)))) {
      String repo = chart.contains("/") ? chart.substring(0, chart.indexOf('/')) : chart;
      String url = repositories.get(repo);
      throw new Unusable(
          "chart "
              + chart
              + (url == null ? "" : " from Helm repository " + url)
              + " is not available offline");
    }
    return scan.chart(dir, chart);
  }

  private static void valuesFile(String v, Path dir, ReleaseDraft draft, Scan scan)
      throws Unusable {
    if (v.endsWith(".gotmpl")) {
      throw new Unusable("values file " + v + " is a Go template, which is not rendered");
    }
    Path p = scan.valuesFile(dir, v);
    if (draft.inlineValues.isEmpty()) {
      draft.valuesFiles.add(p);
      return;
    }
    // an inline map came first: keep helmfile's order by inlining this file too
    try {
      draft.inline(BoundedFiles.readString(p));
    } catch (IOException e) {
      throw new Unusable("cannot read values file " + scan.rel(p) + ": " + e.getMessage());
    }
  }

  private static void set(YNode s, ReleaseDraft draft, Path file, Scan scan, String what) {
    String key = s.get("name").name();
    if (key == null) {
      return;
    }
    // helmfile escapes what it passes to --set so that a value stays one value
    if (s.get("value").text() != null && !s.get("value").text().isEmpty()) {
      draft.set.add(key + "=" + escape(s.get("value").text()));
    } else if (s.get("file").name() != null) {
      scan.skip(file, "set " + key + " of " + what, "--set-file values are not applied");
    } else if (!s.get("values").items().isEmpty()) {
      List<String> items = new ArrayList<>();
      s.get("values").items().forEach(i -> items.add(escape(String.valueOf(i.text()))));
      draft.set.add(key + "={" + String.join(",", items) + "}");
    }
  }

  private static String escape(String value) {
    return UNESCAPED_COMMA.matcher(value).replaceAll("\\\\,");
  }
}
