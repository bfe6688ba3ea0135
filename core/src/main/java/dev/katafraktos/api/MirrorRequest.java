package dev.katafraktos.api;

import dev.katafraktos.policy.AuditConfig;
import java.util.List;

/**
 * What to mirror: the images of these releases that a mapping sends to another registry, copied
 * there when it lacks them.
 *
 * @param releases the releases, each a chart with its own render options
 * @param config registry, mappings, credentials by reference, CA and insecure hosts (as for audit)
 * @param credentials explicit credentials for the configured registry, or {@code null}
 * @param dryRun only plan: what would be copied, how many bytes and pulls
 * @param jobs images (and blobs) moved at a time
 * @param platforms {@code os/arch[/variant]} to keep of each index; empty for whole indexes (the
 *     default, which keeps the index digest)
 * @param maxPulls the most manifest GETs at a registry whose pulls are counted (Docker Hub), or
 *     {@code null} for as many as it has left
 * @param warm for a target in a Harbor proxy-cache project, pull the image through it instead
 * @param signatures copy cosign signatures, attestations and OCI referrers along
 */
public record MirrorRequest(
    List<Release> releases,
    AuditConfig config,
    RegistryLogin credentials,
    boolean dryRun,
    int jobs,
    List<String> platforms,
    Integer maxPulls,
    boolean warm,
    boolean signatures) {

  public static final int DEFAULT_JOBS = 4;

  public MirrorRequest {
    releases = List.copyOf(releases);
    config = config == null ? AuditConfig.empty() : config;
    platforms = List.copyOf(platforms);
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    if (maxPulls != null && maxPulls < 0) {
      throw new IllegalArgumentException("maxPulls must not be negative, not " + maxPulls);
    }
    for (String platform : platforms) {
      if (!isPlatform(platform)) {
        throw new IllegalArgumentException("not os/arch[/variant]: " + platform);
      }
    }
  }

  /**
   * Whether {@code text} is a platform as {@code platforms} takes it: {@code os/arch[/variant]}.
   */
  public static boolean isPlatform(String text) {
    return text != null && text.matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");
  }

  /** Mirrors everything the mappings cover, with the defaults (4 jobs, whole indexes). */
  public static MirrorRequest of(List<Release> releases, AuditConfig config) {
    return new MirrorRequest(
        releases, config, null, false, DEFAULT_JOBS, List.of(), null, false, true);
  }
}
