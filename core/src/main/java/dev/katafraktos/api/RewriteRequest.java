package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.nio.file.Path;

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
 */
public record RewriteRequest(
    Path chart,
    RenderOptions render,
    AuditConfig config,
    Path output,
    boolean dryRun,
    boolean pinDigests,
    RegistryLogin credentials) {

  public RewriteRequest {
    render = render == null ? RenderOptions.defaults() : render;
    config = config == null ? AuditConfig.empty() : config;
  }
}
