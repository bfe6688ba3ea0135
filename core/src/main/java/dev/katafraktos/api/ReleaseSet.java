package dev.katafraktos.api;

import dev.katafraktos.model.ReleaseOrigin;
import dev.katafraktos.releases.Discovery;
import dev.katafraktos.releases.ReleaseConfigException;
import dev.katafraktos.releases.ReleaseDiscovery;
import dev.katafraktos.releases.ReleaseInputs;
import dev.katafraktos.releases.ReleaseSetLoader;
import dev.katafraktos.releases.RepoRoot;
import dev.katafraktos.releases.Skipped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The releases a repository declares: the {@code releases:} of a {@code katafraktos.yaml}, or what
 * discovery found in a directory (Argo CD Applications, Flux HelmReleases, helmfiles, chart
 * directories), with what was skipped and why.
 *
 * <p>Turned into {@link Release}s for an audit or a rewrite by {@link #releases(RenderOptions)},
 * which writes inline values (an Application's {@code helm.values}, a HelmRelease's {@code
 * spec.values}) to temporary files that {@link #close()} deletes.
 */
public final class ReleaseSet implements AutoCloseable {
  private final Path root;
  private final RepoRoot guard;
  private final List<dev.katafraktos.model.Release> releases;
  private final List<Skipped> skipped;
  private final int unchanged;
  private Path inlineDir;

  private ReleaseSet(
      RepoRoot guard,
      Path root,
      List<dev.katafraktos.model.Release> releases,
      List<Skipped> skipped,
      int unchanged) {
    this.guard = guard;
    this.root = root;
    this.releases = List.copyOf(releases);
    this.skipped = List.copyOf(skipped);
    this.unchanged = unchanged;
  }

  /**
   * The releases declared under {@code dir}.
   *
   * @throws KatafraktosException when {@code dir} is not a directory
   */
  public static ReleaseSet discover(Path dir) throws KatafraktosException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new KatafraktosException(
          null,
          "Cannot discover releases in "
              + dir
              + ": "
              + (Files.exists(root) ? "not a directory" : "no such directory")
              + "; pass a repository checkout",
          null);
    }
    return discover(RepoRoot.of(root));
  }

  /**
   * The releases declared under {@code guard}'s directory, which every path they use passes; a
   * rewrite reads and writes their values files only while it does.
   */
  static ReleaseSet discover(RepoRoot guard) {
    Discovery found = ReleaseDiscovery.discover(guard);
    return new ReleaseSet(guard, guard.dir(), found.releases(), found.skipped(), 0);
  }

  /**
   * The {@code releases:} of {@code configFile}; paths in it are relative to its directory.
   *
   * @throws KatafraktosException when the list is invalid (file:line:column) or names a chart or
   *     values file that does not exist
   */
  public static ReleaseSet load(Path configFile) throws KatafraktosException {
    Path file = configFile.toAbsolutePath().normalize();
    try {
      List<dev.katafraktos.model.Release> releases = ReleaseSetLoader.load(configFile);
      return new ReleaseSet(RepoRoot.enclosing(file), file.getParent(), releases, List.of(), 0);
    } catch (ReleaseConfigException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
  }

  /** The directory the releases were found in (or the configuration file's directory). */
  public Path root() {
    return root;
  }

  /** The repository the releases' charts and values files must stay in, links resolved. */
  RepoRoot guard() {
    return guard;
  }

  /** The releases, absolute paths, in the order they were declared. */
  public List<dev.katafraktos.model.Release> declared() {
    return releases;
  }

  /** What discovery left out, and why. */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** How many releases {@link #touchedBy} left out as unchanged. */
  public int unchanged() {
    return unchanged;
  }

  /**
   * The releases whose chart (with its {@code file://} dependencies), values files or declaring
   * file is among {@code changed} (absolute paths; a directory stands for what is under it).
   */
  public ReleaseSet touchedBy(Set<Path> changed) {
    List<dev.katafraktos.model.Release> kept =
        releases.stream().filter(r -> ReleaseInputs.touchedBy(r, changed)).toList();
    return new ReleaseSet(guard, root, kept, skipped, unchanged + releases.size() - kept.size());
  }

  /**
   * The releases to audit or rewrite, each rendered with {@code base}'s renderer settings
   * (renderer, helm binary, CRDs, tests, default Kubernetes version) and its own name, namespace,
   * values and Kubernetes version. Inline values become files in a temporary directory; the values
   * files stay the user's own, in their order, before them.
   */
  public List<Release> releases(RenderOptions base) throws KatafraktosException {
    List<Release> out = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      dev.katafraktos.model.Release r = releases.get(i);
      List<Path> values = new ArrayList<>(r.valuesFiles());
      for (int j = 0; j < r.inlineValues().size(); j++) {
        values.add(inline(i, j, r.inlineValues().get(j)));
      }
      RenderOptions render =
          RenderOptions.builder()
              .release(r.name())
              .namespace(r.namespace())
              .valuesFiles(values)
              .set(r.set())
              .setString(r.setString())
              .kubeVersion(r.kubeVersion() != null ? r.kubeVersion() : base.kubeVersion())
              .apiVersions(base.apiVersions())
              .includeCrds(base.includeCrds())
              .skipTests(base.skipTests())
              .renderer(base.renderer())
              .helmBinary(base.helmBinary())
              .build();
      out.add(new Release(r.chart(), render, label(r), relative(r)));
    }
    return out;
  }

  /** How reports name a release: its name, and its environment when it has one. */
  public static String label(dev.katafraktos.model.Release r) {
    return r.environment() == null ? r.name() : r.name() + " [" + r.environment() + "]";
  }

  /** {@code path} relative to the root when it is under it, for messages and reports. */
  public Path display(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(root) ? root.relativize(p) : p;
  }

  /** The release with its paths relative to the root, as reports show it. */
  private dev.katafraktos.model.Release relative(dev.katafraktos.model.Release r) {
    return new dev.katafraktos.model.Release(
        r.name(),
        r.namespace(),
        display(r.chart()),
        r.valuesFiles().stream().map(this::display).toList(),
        r.inlineValues(),
        r.set(),
        r.setString(),
        r.kubeVersion(),
        r.environment(),
        new ReleaseOrigin(display(r.origin().file()), r.origin().kind()));
  }

  private Path inline(int release, int index, String yaml) throws KatafraktosException {
    try {
      if (inlineDir == null) {
        inlineDir = Files.createTempDirectory("katafraktos-inline-values");
      }
      Path file = inlineDir.resolve("release-" + release + "-values-" + index + ".yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new KatafraktosException(
          null, "Cannot write inline values to a temporary file: " + e.getMessage(), e);
    }
  }

  /** Deletes the temporary files of inline values. */
  @Override
  public void close() {
    if (inlineDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(inlineDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    inlineDir = null;
  }
}
