package dev.katafraktos.releases;

import dev.katafraktos.model.ReleaseOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo CD {@code Application}s whose Helm chart lies in this repository.
 *
 * <p>Every {@code repoURL} of a {@code path} source is taken to be the repository being discovered;
 * a {@code $ref/...} values file is read only when its ref source names the same {@code repoURL}.
 * Values apply as Argo CD passes them to {@code helm template}: {@code valueFiles}, then {@code
 * valuesObject} (or else {@code values}), then {@code parameters} as {@code --set} or, with {@code
 * forceString}, {@code --set-string}.
 */
final class ArgoApplications {
  private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  // argo-cd util/helm/cmd.go cleanSetParameters: a comma not after a backslash is escaped,
  // so a parameter stays one value, unless the whole value is a {a,b} list
  private static final Pattern UNESCAPED_COMMA = Pattern.compile("(?<!\\\\),");

  private ArgoApplications() {}

  static boolean accepts(YNode doc) {
    String api = doc.get("apiVersion").name();
    String kind = doc.get("kind").name();
    return api != null
        && api.startsWith("argoproj.io/")
        && ("Application".equals(kind) || "ApplicationSet".equals(kind));
  }

  static void read(YNode app, Path file, Scan scan) {
    String kind = app.get("kind").name();
    String name = app.at("metadata", "name").name();
    String what = kind + " " + (name == null ? "at " + app.position() : name);
    if (kind.equals("ApplicationSet")) {
      scan.skip(file, what, "ApplicationSet generators are not expanded");
      return;
    }
    if (name == null) {
      scan.skip(file, what, "it has no metadata.name");
      return;
    }
    YNode spec = app.get("spec");
    List<YNode> sources = spec.get("sources").items();
    boolean multi = !sources.isEmpty();
    if (!multi && spec.get("source").isMapping()) {
      sources = List.of(spec.get("source"));
    }
    if (sources.isEmpty()) {
      scan.skip(file, what, "it has no spec.source or spec.sources");
      return;
    }
    Map<String, YNode> refs = new LinkedHashMap<>();
    for (YNode s : sources) {
      if (s.get("ref").name() != null) {
        refs.put(s.get("ref").name(), s);
      }
    }
    for (int i = 0; i < sources.size(); i++) {
      YNode source = sources.get(i);
      if (source.get("ref").name() != null
          && source.get("path").name() == null
          && source.get("chart").name() == null) {
        continue; // only there to lend its files to $ref values
      }
      String sourceWhat = multi ? what + " (source " + (i + 1) + ")" : what;
      try {
        new Reader(app, name, source, refs, file, scan, sourceWhat).read();
      } catch (Unusable e) {
        scan.skip(file, sourceWhat, e.getMessage());
      }
    }
  }

  /** One Helm source of an Application. */
  private record Reader(
      YNode app,
      String appName,
      YNode source,
      Map<String, YNode> refs,
      Path file,
      Scan scan,
      String what) {

    void read() throws Unusable {
      String chart = source.get("chart").name();
      if (chart != null) {
        throw new Unusable(
            "chart "
                + chart
                + " from Helm repository "
                + source.get("repoURL").name()
                + " is not available offline");
      }
      String path = source.get("path").name();
      if (path == null) {
        throw new Unusable("the source has neither path nor chart");
      }
      if (source.get("plugin").present()) {
        throw new Unusable("config management plugins are not run");
      }
      Path dir = scan.resolve(scan.root(), path, "path");
      if (!Files.isDirectory(dir)) {
        throw new Unusable("path " + path + " does not exist in this repository");
      }
      if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
        throw new Unusable(
            "path "
                + scan.rel(dir)
                + " has no Chart.yaml: a directory or Kustomize source is not a Helm release"
                + " (Applications in it are found on their own)");
      }
      scan.uses(dir);
      YNode helm = source.get("helm");
      String release = helm.get("releaseName").name();
      ReleaseDraft draft =
          new ReleaseDraft(
              release != null ? release : appName,
              dir,
              ReleaseOrigin.of(file, ReleaseOrigin.Kind.ARGOCD));
      draft.namespace = app.at("spec", "destination", "namespace").name();
      draft.kubeVersion = helm.get("kubeVersion").name();
      valueFiles(helm, dir, draft);
      // after the values files, so that a values file linked outside is named as such
      scan.insideChart(dir, "chart");
      // Argo CD: when both are set, valuesObject wins and values is ignored
      YNode values =
          helm.get("valuesObject").present() ? helm.get("valuesObject") : helm.get("values");
      if (values.isScalar()) {
        draft.inline(values.text());
      } else if (values.present()) {
        draft.inline(values.source());
      }
      for (YNode p : helm.get("parameters").items()) {
        String name = p.get("name").name();
        if (name != null) {
          String value = p.get("value").text() == null ? "" : p.get("value").text();
          String entry = name + "=" + escapeCommas(value);
          (p.get("forceString").isTrue() ? draft.setString : draft.set).add(entry);
        }
      }
      if (!helm.get("fileParameters").items().isEmpty()) {
        scan.skip(file, "fileParameters of " + what, "--set-file parameters are not applied");
      }
      scan.release(draft.build());
    }

    private void valueFiles(YNode helm, Path dir, ReleaseDraft draft) throws Unusable {
      boolean ignoreMissing = helm.get("ignoreMissingValueFiles").isTrue();
      for (YNode entry : helm.get("valueFiles").items()) {
        String v = entry.name();
        if (v == null) {
          continue;
        }
        Path p = valueFile(v, dir);
        if (Files.isRegularFile(p)) {
          draft.valuesFiles.add(p);
        } else if (ignoreMissing) {
          scan.skip(
              file,
              "valueFiles entry " + v + " of " + what,
              "values file "
                  + scan.rel(p)
                  + " does not exist; ignoreMissingValueFiles leaves it out, as Argo CD does");
        } else {
          throw new Unusable("values file " + scan.rel(p) + " does not exist");
        }
      }
    }

    private Path valueFile(String v, Path dir) throws Unusable {
      if (v.startsWith("$")) {
        int slash = v.indexOf('/');
        String refName = v.substring(1, slash < 0 ? v.length() : slash);
        YNode ref = refs.get(refName);
        if (ref == null || slash < 0) {
          throw new Unusable("valueFiles entry " + v + " names no source with ref: " + refName);
        }
        String refUrl = ref.get("repoURL").name();
        String url = source.get("repoURL").name();
        if (!sameRepository(refUrl, url)) {
          throw new Unusable(
              "valueFiles entry "
                  + v
                  + " comes from repository "
                  + refUrl
                  + ", not from the chart's repository "
                  + url);
        }
        return scan.resolve(scan.root(), v.substring(slash + 1), "values file");
      }
      if (URL.matcher(v).matches()) {
        throw new Unusable("values file " + v + " is not available offline");
      }
      return scan.resolve(dir, v, "values file");
    }
  }

  static String escapeCommas(String value) {
    if (value.startsWith("{") && value.endsWith("}")) {
      return value;
    }
    return UNESCAPED_COMMA.matcher(value).replaceAll("\\\\,");
  }

  /**
   * {@code https://host/org/repo.git}, {@code git@host:org/repo} and the like are one repository.
   */
  static boolean sameRepository(String a, String b) {
    return a != null && b != null && normalize(a).equals(normalize(b));
  }

  private static String normalize(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    u = u.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("^[^@/]*@", "");
    u = u.replaceFirst("^([^/:]+):(?!\\d+/)", "$1/"); // scp-like git@host:org/repo
    u = u.replaceFirst("/+$", "").replaceFirst("\\.git$", "");
    return u;
  }
}
