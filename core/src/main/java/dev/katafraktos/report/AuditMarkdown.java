package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown form of an {@link AuditReport}, for a pull-request comment or a CI step summary
 * ({@code $GITHUB_STEP_SUMMARY}): a verdict, the findings as a table per chart, the images without
 * findings folded away.
 */
public final class AuditMarkdown {
  private AuditMarkdown() {}

  public static String write(AuditReport report) {
    StringBuilder out = new StringBuilder("## Katafraktos audit\n\n");
    AuditReport.Summary s = report.summary();
    String verdict =
        s.errors() > 0
            ? "**Failed**"
            : s.warnings() > 0 ? "**Passed with warnings**" : "**Passed**";
    out.append(verdict).append(": ").append(AuditText.summary(report)).append(".\n\n");
    String hub = AuditText.dockerHub(report);
    if (hub != null) {
      out.append("> ").append(escape(hub)).append(".\n\n");
    }
    if (report.releases().size() > 1 && !report.byImage().isEmpty()) {
      out.append("### By image\n\n| Severity | Image | Rules | Used by |\n|---|---|---|---|\n");
      for (AuditReport.ImageGroup g : report.byImage()) {
        out.append("| ")
            .append(g.severity().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | `")
            .append(code(g.image()))
            .append("` | ")
            .append(escape(String.join(", ", g.rules())))
            .append(" | ")
            .append(escape(g.usedBy() + ": " + String.join(", ", g.releases())))
            .append(" |\n");
      }
      out.append('\n');
    }
    kubeVersions(out, report);
    for (RenderFailure f : report.failures()) {
      String where = report.declaredIn(f.release());
      out.append("### `")
          .append(code(f.release()))
          .append("`")
          .append(where == null ? "" : " (" + escape(where) + ")")
          .append("\n\n**Cannot be rendered**: ")
          .append(escape(redact(f.message())))
          .append("\n\n");
    }
    for (String chart : report.charts()) {
      List<AuditSubject> subjects =
          report.subjects().stream().filter(x -> x.chart().equals(chart)).toList();
      String where = report.declaredIn(chart);
      out.append("### `")
          .append(code(chart))
          .append("`")
          .append(where == null ? "" : " (" + escape(where) + ")")
          .append("\n\n");
      List<Finding> findings =
          report.findings().stream().filter(f -> f.chart().equals(chart)).toList();
      if (!findings.isEmpty()) {
        out.append("| Severity | Rule | Image | Finding | Where |\n");
        out.append("|---|---|---|---|---|\n");
        for (Finding f : findings) {
          out.append("| ")
              .append(f.severity() == Severity.ERROR ? "**error**" : AuditText.severity(f))
              .append(" | `")
              .append(f.ruleId())
              .append("` | `")
              .append(code(f.image() != null ? f.image() : f.object().describe()))
              .append("` | ")
              .append(escape(redact(f.message())))
              .append(" | ")
              .append(escape(AuditText.where(f)))
              .append(" |\n");
        }
        out.append('\n');
      }
      List<AuditSubject> clean =
          subjects.stream().filter(x -> report.findingsOf(x).isEmpty()).toList();
      if (!clean.isEmpty()) {
        out.append("<details><summary>")
            .append(AuditText.plural(clean.size(), "image"))
            .append(" without findings</summary>\n\n");
        clean.forEach(
            x ->
                out.append("- `")
                    .append(code(x.image()))
                    .append("` (")
                    .append(AuditText.status(x))
                    .append(")\n"));
        out.append("\n</details>\n\n");
      }
    }
    return out.toString();
  }

  /** For releases audited for several Kubernetes versions: the images that differ, by version. */
  private static void kubeVersions(StringBuilder out, AuditReport report) {
    List<KubeVersions.Differences> differing =
        report.kubeVersions().stream().filter(d -> !d.differing().isEmpty()).toList();
    if (differing.isEmpty()) {
      return;
    }
    List<String> versions = new ArrayList<>(differing.get(0).imagesByVersion().keySet());
    out.append("### Images that differ between Kubernetes versions\n\n| Release | Image |");
    versions.forEach(v -> out.append(' ').append(escape(v)).append(" |"));
    out.append("\n|---|---|").append("---|".repeat(versions.size())).append('\n');
    for (KubeVersions.Differences d : differing) {
      for (String image : d.differing()) {
        out.append("| `")
            .append(code(d.release()))
            .append("` | `")
            .append(code(image))
            .append("` |");
        List<String> on = d.versionsOf(image);
        for (String v : versions) {
          out.append(on.contains(v) ? " yes |" : " - |");
        }
        out.append('\n');
      }
    }
    out.append('\n');
  }

  // table cells: a pipe or a newline would break the row; < and > would become HTML
  static String escape(String text) {
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replaceAll("\\R", " ");
  }

  // inside a code span only the backtick and the pipe (in tables) matter
  static String code(String text) {
    return text.replace("`", "'").replace("|", "\\|").replaceAll("\\R", " ");
  }
}
