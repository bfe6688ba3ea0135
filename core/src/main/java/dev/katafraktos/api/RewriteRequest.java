package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.nio.file.Path;
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
 */
public record RewriteRequest(
    Path chart,
    RenderOptions render,
    AuditConfig config,
    Path output,
    boolean dryRun,
    boolean pinDigests,
    RegistryLogin credentials,
    Set<Path> readOnly) {

  public RewriteRequest {
    render = render == null ? RenderOptions.defaults() : render;
    config = config == null ? AuditConfig.empty() : config;
    readOnly = readOnly == null ? Set.of() : Set.copyOf(readOnly);
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
