package dev.katafraktos.releases;

import dev.katafraktos.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a repository directory into the Helm releases it declares, for repositories that keep many
 * releases of many charts, one set of values per environment.
 *
 * <p>Found, in the order of their files (names sorted, depth first): the {@code releases:} of every
 * {@code katafraktos.yaml}, Argo CD {@code Application}s, Flux {@code HelmRelease}s, and {@code
 * helmfile.yaml} releases whose charts are in the repository; then every chart directory none of
 * those uses, with its default values and once per {@code values-<env>.yaml}. Everything that
 * cannot be rendered offline, and every part of a release left out, is reported in {@link
 * Discovery#skipped()}; one broken file never stops the walk. Nothing is rendered: a chart that
 * renders Applications (a templated app-of-apps) is reported, not expanded.
 *
 * <p>Every path in the result is absolute and normalized, and passed {@link RepoRoot}: neither it
 * nor a directory on its way is a symbolic link that leads outside the repository. What fails that
 * is skipped, with the link and where it leads.
 */
public final class ReleaseDiscovery {
  private ReleaseDiscovery() {}

  /**
   * Discovers the releases under {@code dir}.
   *
   * @throws IllegalArgumentException when {@code dir} is not a directory
   */
  public static Discovery discover(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "Cannot discover releases in " + dir + ": not a directory; pass a repository checkout");
    }
    return discover(RepoRoot.of(root));
  }

  /**
   * Discovers the releases under {@code root}'s directory, every path checked by {@code root}.
   *
   * @throws IllegalArgumentException when the directory is not one
   */
  public static Discovery discover(RepoRoot root) {
    if (!Files.isDirectory(root.dir())) {
      throw new IllegalArgumentException(
          "Cannot discover releases in "
              + root.dir()
              + ": not a directory; pass a repository checkout");
    }
    RepoWalk.Layout layout = RepoWalk.walk(root);
    Manifests manifests = new Manifests();
    Map<Path, Object> parsed = new LinkedHashMap<>(); // YamlFile or the Invalid it threw
    Scan scan = new Scan(root, manifests);
    for (Path file : layout.files()) {
      if (isManifestFile(file)) {
        try {
          YamlFile yaml = YamlFile.read(file, scan.rel(file));
          yaml.documents().forEach(d -> manifests.add(d, file));
          parsed.put(file, yaml);
        } catch (YamlFile.Invalid e) {
          parsed.put(file, e);
        }
      }
    }
    layout.unreadable().forEach(s -> scan.skip(s.origin(), s.what(), s.reason()));
    for (Path file : layout.files()) {
      if (file.getFileName().toString().equals("katafraktos.yaml")) {
        releaseSet(file, scan);
      } else if (Helmfiles.accepts(file)) {
        Helmfiles.read(file, scan);
      } else if (parsed.get(file) instanceof YamlFile.Invalid e) {
        scan.skip(file, "file", e.getMessage());
      } else if (parsed.get(file) instanceof YamlFile yaml) {
        for (YNode doc : yaml.documents()) {
          if (ArgoApplications.accepts(doc)) {
            ArgoApplications.read(doc, file, scan);
          } else if (FluxHelmReleases.accepts(doc)) {
            FluxHelmReleases.read(doc, file, scan);
          }
        }
      }
    }
    for (Path chart : layout.charts()) {
      if (layout.appOfAppsCharts().contains(chart)) {
        scan.skip(
            chart.resolve("Chart.yaml"),
            "chart " + scan.rel(chart),
            "its templates render Argo CD Applications (a templated app-of-apps);"
                + " the Applications it renders are not discovered");
      }
      if (!scan.isUsed(chart)) {
        ChartDirectories.read(chart, scan);
      }
    }
    return scan.result();
  }

  private static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString();
    return !name.endsWith(".gotmpl")
        && !name.equals("katafraktos.yaml")
        && !Helmfiles.accepts(file);
  }

  private static void releaseSet(Path file, Scan scan) {
    try {
      List<Release> releases = ReleaseSetLoader.load(file, scan.rel(file), scan.guard());
      releases.forEach(scan::release);
    } catch (ReleaseConfigException e) {
      scan.skip(file, "releases", e.getMessage());
    }
  }
}
