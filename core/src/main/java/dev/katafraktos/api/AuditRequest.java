package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What to audit: the releases (charts and how to render each), the audit configuration ({@code
 * katafraktos.yaml} merged with flags), and whether registries may be asked. The images of all
 * releases are audited together: an image several releases use is checked once.
 *
 * @param releases the releases, each a chart with its own render options
 * @param config registry, mappings, policy, credentials by reference
 * @param offline apply the policy without asking any registry
 * @param credentials explicit credentials for the configured registry, or {@code null}
 */
public record AuditRequest(
    List<Release> releases, AuditConfig config, boolean offline, RegistryLogin credentials) {

  public AuditRequest {
    releases = List.copyOf(releases);
    config = config == null ? AuditConfig.empty() : config;
  }

  /**
   * Every chart rendered with the same options.
   *
   * @param charts chart directories or packaged charts
   * @param render the render options, the same for every chart
   */
  public AuditRequest(
      List<Path> charts,
      RenderOptions render,
      AuditConfig config,
      boolean offline,
      RegistryLogin credentials) {
    this(ListRequest.sameOptions(charts, render), config, offline, credentials);
  }
}
