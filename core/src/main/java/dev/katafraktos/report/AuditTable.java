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
      for (AuditSubject s : subjects) {
        for (Finding f : report.findingsOf(s)) {
          out.append("  ")
              .append(AuditText.severity(f).toUpperCase(java.util.Locale.ROOT))
              .append(' ')
              .append(f.ruleId())
              .append(": ")
              .append(redact(f.message()));
          String where = AuditText.where(f);
          if (!where.isEmpty()) {
            out.append("  [").append(where).append(']');
          }
          out.append('\n');
        }
      }
      out.append('\n');
    }
    out.append(AuditText.summary(report)).append('\n');
    String hub = AuditText.dockerHub(report);
    if (hub != null) {
      out.append(hub).append('\n');
    }
    return out.toString();
  }

  private static String pullFrom(AuditSubject s) {
    if (s.target() != null) {
      return s.target().toString();
    }
    return s.reference() == null ? "-" : s.reference().toString();
  }
}
