package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.releases.OutsideRepositoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rewrite of every release of a {@link ReleaseSet}, one after another, so that releases that
 * share a values file see each other's edits. A release whose values files cannot be rewritten is
 * reported and the others still are.
 *
 * @param releases one entry per release, in the set's order
 */
public record ReleaseSetRewrite(List<Entry> releases) {

  public ReleaseSetRewrite {
    releases = List.copyOf(releases);
  }

  /**
   * One release.
   *
   * @param release how reports name it
   * @param declared the release as declared, paths relative to the set's root
   * @param result what its rewrite did, or {@code null} when it failed
   * @param error why it failed, or {@code null}
   */
  public record Entry(
      String release, dev.katafraktos.model.Release declared, RewriteResult result, String error) {
    public Entry {
      Objects.requireNonNull(release, "release");
    }
  }

  /** Whether every release was rewritten and every image that should move moved. */
  public boolean complete() {
    return releases.stream().allMatch(e -> e.result() != null && e.result().complete());
  }

  /** Whether some release could not be rewritten at all. */
  public boolean failed() {
    return releases.stream().anyMatch(e -> e.error() != null);
  }

  /** Every file some release changed (or would change), absolute, in first-change order. */
  public Set<Path> changedFiles() {
    Set<Path> files = new LinkedHashSet<>();
    for (Entry e : releases) {
      if (e.result() != null) {
        e.result().files().stream()
            .filter(RewriteResult.FileChange::changed)
            .forEach(f -> files.add(f.path()));
      }
    }
    return files;
  }

  /**
   * The same rewrite with every file path under {@code root} made relative to it, as reports and
   * commit messages show them.
   */
  public ReleaseSetRewrite relativeTo(Path root) {
    List<Entry> entries = new ArrayList<>();
    for (Entry e : releases) {
      entries.add(
          e.result() == null
              ? e
              : new Entry(e.release(), e.declared(), relative(e.result(), root), e.error()));
    }
    return new ReleaseSetRewrite(entries);
  }

  private static RewriteResult relative(RewriteResult r, Path root) {
    List<RewriteResult.FileChange> files =
        r.files().stream()
            .map(
                f ->
                    new RewriteResult.FileChange(
                        relative(f.path(), root), f.before(), f.after(), f.edits()))
            .toList();
    List<RewriteResult.MovedImage> moved =
        r.moved().stream()
            .map(
                m ->
                    new RewriteResult.MovedImage(
                        m.image(),
                        m.target(),
                        m.values().stream()
                            .map(
                                v ->
                                    new RewriteResult.ValueSetting(
                                        relative(v.file(), root), v.path(), v.value()))
                            .toList()))
            .toList();
    return new RewriteResult(
        relative(Path.of(r.chart()), root).toString(),
        files,
        moved,
        r.notControllable(),
        r.alreadyInPlace(),
        r.unmapped(),
        r.renders(),
        r.insecureImagesAllowed(),
        r.warnings().stream().map(w -> w.replace(root + java.io.File.separator, "")).toList(),
        r.written(),
        r.alsoChanges(),
        r.unresolved(),
        r.kubeVersions());
  }

  /**
   * Without the warnings of mappings that match no image of the release: in a repository of many
   * charts, most mappings miss most releases.
   */
  private static RewriteResult quieter(RewriteResult r) {
    return new RewriteResult(
        r.chart(),
        r.files(),
        r.moved(),
        r.notControllable(),
        r.alreadyInPlace(),
        r.unmapped(),
        r.renders(),
        r.insecureImagesAllowed(),
        r.warnings().stream()
            .filter(w -> !(w.startsWith("mapping ") && w.contains(" matches no image of ")))
            .toList(),
        r.written(),
        r.alsoChanges(),
        r.unresolved(),
        r.kubeVersions());
  }

  private static Path relative(Path path, Path root) {
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(root) ? root.relativize(p) : path;
  }

  static ReleaseSetRewrite run(
      ReleaseSet set,
      RenderOptions base,
      AuditConfig config,
      boolean dryRun,
      boolean pinDigests,
      RegistryLogin login,
      List<String> kubeVersions)
      throws KatafraktosException {
    List<Release> releases = set.releases(base);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      Release release = releases.get(i);
      dev.katafraktos.model.Release declared = set.declared().get(i);
      Set<Path> inline = new LinkedHashSet<>(release.render().valuesFiles());
      declared.valuesFiles().forEach(inline::remove);
      RenderOptions render = withChartValues(release, declared);
      try {
        // the chart and values files came from the repository: the chart is checked again right
        // before it is rendered, each values file right before it is read and again before it
        // is written, so a link changed since discovery is not followed
        inside(set, release.chart());
        RewriteRequest request =
            new RewriteRequest(
                release.chart(), render, config, null, dryRun, pinDigests, login, inline);
        // several versions of an upgrade replace the release's own, as they do for list and
        // audit; one version is in the render options, where a release's own wins
        RewriteResult result =
            Rewriter.rewrite(
                kubeVersions.size() > 1 ? request.withKubeVersions(kubeVersions) : request,
                set.guard());
        entries.add(new Entry(release.displayName(), release.declared(), quieter(result), null));
      } catch (KatafraktosException e) {
        String why = e.getMessage();
        if (!declared.inlineValues().isEmpty() && why.contains("does not verify")) {
          why +=
              "; this release also has inline values in "
                  + set.display(declared.origin().file())
                  + ", which apply after its values files and are not edited: if they set the"
                  + " image, change it there";
        }
        entries.add(new Entry(release.displayName(), release.declared(), null, why));
      }
    }
    return new ReleaseSetRewrite(entries);
  }

  private static void inside(ReleaseSet set, Path chart) throws KatafraktosException {
    try {
      set.guard().checkChart(chart, "chart");
    } catch (OutsideRepositoryException e) {
      throw new KatafraktosException(
          chart.toString(), "Cannot rewrite " + chart + ": " + e.getMessage(), e);
    }
  }

  /**
   * A release declared without values files of its own (a chart directory's default release, an
   * Application with inline values only) is rewritten in its chart's {@code values.yaml}: helm
   * reads that file first anyway, so naming it again renders the same.
   */
  private static RenderOptions withChartValues(
      Release release, dev.katafraktos.model.Release declared) {
    Path chartValues = release.chart().resolve("values.yaml");
    if (!declared.valuesFiles().isEmpty()
        || !Files.isDirectory(release.chart())
        || !Files.isRegularFile(chartValues)) {
      return release.render();
    }
    List<Path> files = new ArrayList<>();
    files.add(chartValues);
    files.addAll(release.render().valuesFiles());
    return release.render().withValuesFiles(files);
  }
}
