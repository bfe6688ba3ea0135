package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to rewrite: one chart, rendered as {@code render} says (its values files are the ones edited
 * in place), so that every image a mapping of {@code config} covers comes from the mapping's
 * target.
 *
 * @param chart a chart directory or packaged chart
 * @param render the render options; {@link RenderOptions#valuesFiles()} are edited in place
 * @param config the mappings (and, for pinning digests, the registry settings)
 * @param output write the values to set to this file instead of editing the values files ({@code
 *     null}: in place); an existing file is edited like any values file
 * @param dryRun plan and verify, write nothing
 * @param pinDigests resolve each moved image's tag to its digest at the target and pin it
 * @param credentials explicit registry credentials for pinning, or {@code null}
 * @param readOnly values files of {@code render} that are rendered with but never edited (the
 *     inline values of an Argo CD Application or a Flux HelmRelease, written to temporary files)
 * @param kubeVersions the Kubernetes versions of an upgrade: the chart is rendered, traced and
 *     verified once per version, and one plan must move every image on every version; empty (or one
 *     version, which becomes {@code render}'s) for the one version of {@code render}
 */
public record RewriteRequest(
    Path chart,
    RenderOptions render,
    AuditConfig config,
    Path output,
    boolean dryRun,
    boolean pinDigests,
    RegistryLogin credentials,
    Set<Path> readOnly,
    List<String> kubeVersions) {

  public RewriteRequest {
    render = render == null ? RenderOptions.defaults() : render;
    config = config == null ? AuditConfig.empty() : config;
    readOnly = readOnly == null ? Set.of() : Set.copyOf(readOnly);
    kubeVersions =
        kubeVersions == null ? List.of() : List.copyOf(new LinkedHashSet<>(kubeVersions));
    if (kubeVersions.size() == 1) {
      render = render.withKubeVersion(kubeVersions.get(0));
      kubeVersions = List.of();
    }
  }

  /** A rewrite for the one Kubernetes version of {@code render}. */
  public RewriteRequest(
      Path chart,
      RenderOptions render,
      AuditConfig config,
      Path output,
      boolean dryRun,
      boolean pinDigests,
      RegistryLogin credentials,
      Set<Path> readOnly) {
    this(chart, render, config, output, dryRun, pinDigests, credentials, readOnly, List.of());
  }

  /** The same rewrite, proven on each of {@code versions} (see {@link #kubeVersions()}). */
  public RewriteRequest withKubeVersions(List<String> versions) {
    return new RewriteRequest(
        chart, render, config, output, dryRun, pinDigests, credentials, readOnly, versions);
  }

  /** A rewrite that may edit every values file of {@code render}. */
  public RewriteRequest(
      Path chart,
      RenderOptions render,
      AuditConfig config,
      Path output,
      boolean dryRun,
      boolean pinDigests,
      RegistryLogin credentials) {
    this(chart, render, config, output, dryRun, pinDigests, credentials, Set.of());
  }
}
