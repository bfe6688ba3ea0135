package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What to audit: the charts, how to render them, the audit configuration ({@code katafraktos.yaml}
 * merged with flags), and whether registries may be asked.
 *
 * @param charts chart directories or packaged charts
 * @param render the render options, the same for every chart
 * @param config registry, mappings, policy, credentials by reference
 * @param offline apply the policy without asking any registry
 * @param credentials explicit credentials for the configured registry, or {@code null}
 */
public record AuditRequest(
    List<Path> charts,
    RenderOptions render,
    AuditConfig config,
    boolean offline,
    RegistryLogin credentials) {

  public AuditRequest {
    charts = List.copyOf(charts);
    render = render == null ? RenderOptions.defaults() : render;
    config = config == null ? AuditConfig.empty() : config;
  }
}
