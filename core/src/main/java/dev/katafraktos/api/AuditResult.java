package dev.katafraktos.api;

import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.List;

/**
 * The outcome of an audit: what was found in the charts, what the registries said, and the
 * findings. A finding is data: an audit with findings still succeeds.
 *
 * @param inventory the images of every chart
 * @param subjects one per distinct image of each chart, with its checks
 * @param findings every finding, in chart and image order
 * @param failOn the severity from which the audit fails the build
 * @param offline whether registries were asked
 */
public record AuditResult(
    Inventory inventory,
    List<AuditSubject> subjects,
    List<Finding> findings,
    Severity failOn,
    boolean offline) {

  public AuditResult {
    subjects = List.copyOf(subjects);
    findings = List.copyOf(findings);
  }

  /** Whether some finding is at or above {@link #failOn}. */
  public boolean failed() {
    return failOn != Severity.OFF && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
  }
}
