package dev.katafraktos.registry;

import java.util.Objects;

/**
 * A Harbor project as {@code GET /projects/{name}} describes it.
 *
 * @param registryId the upstream registry endpoint of a proxy-cache project; null otherwise
 * @param preventVulnerableImages metadata {@code prevent_vul}: Harbor refuses pulls of vulnerable
 *     (or unscanned) artifacts
 * @param severityThreshold metadata {@code severity}, lower case as Harbor stores it ({@code none,
 *     low, medium, high, critical}); null when unset
 * @param autoScan metadata {@code auto_scan}: artifacts are scanned when pushed
 */
public record HarborProject(
    String name,
    long projectId,
    Long registryId,
    boolean preventVulnerableImages,
    String severityThreshold,
    boolean autoScan) {

  public HarborProject {
    Objects.requireNonNull(name, "name");
  }

  /** Whether pulls through this project are fetched from an upstream registry and cached. */
  public boolean proxyCache() {
    return registryId != null;
  }
}
