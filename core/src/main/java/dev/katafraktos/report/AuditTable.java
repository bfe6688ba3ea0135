package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

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
    return out.append(summary(report)).toString();
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
    out.append(chart).append('\n');
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
    return report.subjects().stream()
        .filter(s -> s.chart().equals(chart))
        .flatMap(s -> report.findingsOf(s).stream())
        .toList();
  }

  private static String pullFrom(AuditSubject s) {
    if (s.target() != null) {
      return s.target().toString();
    }
    return s.reference() == null ? "-" : s.reference().toString();
  }
}
