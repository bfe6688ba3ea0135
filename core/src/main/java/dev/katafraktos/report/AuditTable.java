package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.List;

/**
 * The terminal form of an {@link AuditReport}: per chart one row per image with what would be
 * pulled and its status, then the findings; a summary and the Docker Hub budget at the end.
 */
public final class AuditTable {
  private AuditTable() {}

  public static String write(AuditReport report) {
    StringBuilder out = new StringBuilder();
    for (String chart : report.charts()) {
      imageRows(out, report, chart);
      for (Finding f : findingsOf(report, chart)) {
        out.append("  ")
            .append(AuditText.severity(f).toUpperCase(java.util.Locale.ROOT))
            .append(' ')
            .append(finding(f))
            .append('\n');
      }
      out.append('\n');
    }
    failures(out, report);
    byImage(out, report);
    return out.append(summary(report))
        .append(KubeVersions.describe(report.kubeVersions()))
        .toString();
  }

  /** The releases that could not be rendered, one line each. */
  public static void failures(StringBuilder out, AuditReport report) {
    for (RenderFailure f : report.failures()) {
      String where = report.declaredIn(f.release());
      out.append(f.release())
          .append(where == null ? "" : "  (" + where + ")")
          .append('\n')
          .append("  ERROR render-failed: ")
          .append(redact(f.message()))
          .append("\n\n");
    }
  }

  /**
   * For several releases: each image with findings once, with the releases that use it, so one fix
   * can be seen to cover many releases.
   */
  public static void byImage(StringBuilder out, AuditReport report) {
    if (report.releases().size() < 2) {
      return;
    }
    List<AuditReport.ImageGroup> groups = report.byImage();
    if (groups.isEmpty()) {
      return;
    }
    out.append("By image:\n");
    for (AuditReport.ImageGroup g : groups) {
      out.append("  ")
          .append(g.severity().name().toUpperCase(java.util.Locale.ROOT))
          .append(' ')
          .append(g.image())
          .append("  ")
          .append(String.join(",", g.rules()))
          .append(": ")
          .append(g.usedBy())
          .append('\n')
          .append("    ")
          .append(String.join(", ", g.releases()))
          .append('\n');
    }
    out.append('\n');
  }

  /**
   * The image rows per chart without the findings, for a log that prints each finding on its own
   * line at its own level (the Maven plugin).
   */
  public static String images(AuditReport report) {
    StringBuilder out = new StringBuilder();
    for (String chart : report.charts()) {
      imageRows(out, report, chart);
    }
    return out.toString();
  }

  /** One finding on one line: rule, message and where the image is used. */
  public static String finding(Finding f) {
    String where = AuditText.where(f);
    return f.ruleId() + ": " + redact(f.message()) + (where.isEmpty() ? "" : "  [" + where + "]");
  }

  /** The closing lines: the counts, and what the images still pulled from Docker Hub cost. */
  public static String summary(AuditReport report) {
    String hub = AuditText.dockerHub(report);
    return AuditText.summary(report) + '\n' + (hub == null ? "" : hub + '\n');
  }

  private static void imageRows(StringBuilder out, AuditReport report, String chart) {
    List<AuditSubject> subjects =
        report.subjects().stream().filter(s -> s.chart().equals(chart)).toList();
    String where = report.declaredIn(chart);
    out.append(chart).append(where == null ? "" : "  (" + where + ")").append('\n');
    int width = "IMAGE".length();
    int targetWidth = "PULL FROM".length();
    for (AuditSubject s : subjects) {
      width = Math.max(width, s.image().length());
      targetWidth = Math.max(targetWidth, pullFrom(s).length());
    }
    String row = "  %-" + width + "s  %-" + targetWidth + "s  %-13s  %s%n";
    out.append(String.format(row, "IMAGE", "PULL FROM", "STATUS", "FINDINGS"));
    for (AuditSubject s : subjects) {
      List<Finding> findings = report.findingsOf(s);
      out.append(
          String.format(
              row,
              s.image(),
              pullFrom(s),
              AuditText.status(s),
              findings.isEmpty()
                  ? "-"
                  : String.join(",", findings.stream().map(Finding::ruleId).toList())));
    }
  }

  private static List<Finding> findingsOf(AuditReport report, String chart) {
    List<Finding> findings =
        new java.util.ArrayList<>(
            report.subjects().stream()
                .filter(s -> s.chart().equals(chart))
                .flatMap(s -> report.findingsOf(s).stream())
                .toList());
    findings.addAll(report.objectFindingsOf(chart));
    return findings;
  }

  private static String pullFrom(AuditSubject s) {
    if (s.target() != null) {
      return s.target().toString();
    }
    return s.reference() == null ? "-" : s.reference().toString();
  }
}
