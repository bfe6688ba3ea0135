package dev.katafraktos.registry;

import java.util.List;
import java.util.Locale;

/**
 * Predicts whether Harbor's "prevent vulnerable images from running" policy would refuse a pull,
 * following Harbor's {@code src/server/middleware/vulnerable/vulnerable.go}: with {@code
 * prevent_vul} on, a pull is refused when the artifact has no vulnerability report, when its scan
 * did not succeed, or when its highest severity is at or over the project's threshold. An image
 * index is let through once it has a report, as Harbor does.
 *
 * <p>A prediction, not a verdict: Harbor first drops CVEs on the project's allowlist, skips
 * artifacts its scanner cannot scan, and lets the scanner's own pulls through; none of that is in
 * the scan overview, so this can predict a refusal Harbor would not make, never the other way.
 */
public final class HarborPullPolicy {
  /** Harbor's severities, lowest first ({@code pkg/scan/vuln/severity.go}). */
  private static final List<String> SEVERITIES =
      List.of("none", "unknown", "low", "medium", "high", "critical");

  private HarborPullPolicy() {}

  /** What Harbor would do with a pull; the reason is one line and names project and artifact. */
  public record Verdict(boolean wouldRefuse, String reason) {}

  public static Verdict predict(HarborProject project, HarborArtifact artifact) {
    return predict(project, artifact, artifactName(artifact));
  }

  /**
   * @param shownAs how the reason names the artifact, e.g. {@code nginx:1.27}
   */
  public static Verdict predict(HarborProject project, HarborArtifact artifact, String shownAs) {
    String name = shownAs;
    if (!project.preventVulnerableImages()) {
      return allow("project " + project.name() + " does not prevent vulnerable images");
    }
    String threshold = threshold(project);
    String policy =
        "project "
            + project.name()
            + " prevents pulls of images with "
            + (project.severityThreshold() == null ? "any" : threshold + " or worse")
            + " vulnerabilities";
    HarborScan scan = artifact.scan();
    if (scan == null) {
      return refuse(policy + " and of unscanned images; " + name + " has not been scanned");
    }
    if (artifact.imageIndex()) {
      return allow(policy + ", but Harbor does not check image indexes; " + name + " is one");
    }
    if (!scan.succeeded()) {
      return refuse(
          policy
              + " and of images without a finished scan; "
              + name
              + "'s scan is "
              + scan.status());
    }
    int found = rank(scan.severity());
    // severity None means nothing was found; Harbor skips the check then (goharbor/harbor#11210)
    if (found > 0 && found >= rank(threshold)) {
      return refuse(policy + "; " + name + " has " + lower(scan.severity()));
    }
    String has = scan.severity() == null ? "no severity" : lower(scan.severity());
    return allow(policy + "; " + name + " has " + has);
  }

  /**
   * The project's threshold; unset or unknown is read as the strictest ({@code unknown}, any
   * finding), since this prediction may over-warn but should not miss a refusal.
   */
  private static String threshold(HarborProject project) {
    String threshold = project.severityThreshold();
    return threshold == null || rank(threshold) < 0 ? "unknown" : lower(threshold);
  }

  private static int rank(String severity) {
    return severity == null ? -1 : SEVERITIES.indexOf(lower(severity));
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String artifactName(HarborArtifact artifact) {
    return artifact.tags().isEmpty()
        ? artifact.digest()
        : artifact.tags().get(0) + " (" + shortDigest(artifact.digest()) + ")";
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  private static Verdict allow(String reason) {
    return new Verdict(false, reason);
  }

  private static Verdict refuse(String reason) {
    return new Verdict(true, reason);
  }
}
