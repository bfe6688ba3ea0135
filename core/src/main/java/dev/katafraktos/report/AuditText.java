package dev.katafraktos.report;

import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.Locale;

/** Phrases the table and Markdown writers share. */
final class AuditText {
  private AuditText() {}

  /** What the registry said about what would be pulled: the target when mapped, else the image. */
  static String status(AuditSubject s) {
    ImageCheck check = s.effectiveCheck();
    if (s.reference() == null) {
      return "invalid";
    }
    if (check == null) {
      return "not checked";
    }
    String status = check.availability().name().toLowerCase(Locale.ROOT);
    return s.harborRefusal() != null ? status + ", refused" : status;
  }

  static String summary(AuditReport report) {
    AuditReport.Summary s = report.summary();
    return plural(s.images(), "image")
        + " in "
        + plural(s.charts(), report.releases().isEmpty() ? "chart" : "release")
        + ", "
        + s.checked()
        + " checked: "
        + plural(s.errors(), "error")
        + ", "
        + plural(s.warnings(), "warning")
        + (s.infos() > 0 ? ", " + s.infos() + " info" : "")
        + (report.failures().isEmpty()
            ? ""
            : "; " + plural(report.failures().size(), "release") + " could not be rendered");
  }

  /** The Docker Hub line, or {@code null} when no image comes from Docker Hub. */
  static String dockerHub(AuditReport report) {
    AuditReport.DockerHubBudget hub = report.dockerHub();
    if (hub.pulls() == 0) {
      return null;
    }
    RateLimit limit = hub.rateLimit();
    String budget =
        limit == null
            ? "of its 100 anonymous pulls per 6 h"
            : "of " + limit.limit() + " (Docker Hub reported " + limit.remaining() + " left)";
    return "Docker Hub: "
        + plural(hub.pulls(), "image")
        + " still pulled from Docker Hub;"
        + " every node that starts them all spends "
        + hub.pulls()
        + " "
        + budget;
  }

  static String where(Finding f) {
    if (f.object() != null) {
      String source = f.object().source() == null ? "" : f.object().source();
      String object = f.object().kind() + "/" + f.object().name();
      return (source.isEmpty() ? "" : source + " ") + object;
    }
    if (f.where() == null) {
      return "";
    }
    String source = f.where().source() == null ? "" : f.where().source();
    if (f.where().kind() == null) {
      return source;
    }
    return (source.isEmpty() ? "" : source + " ") + f.where().kind() + "/" + f.where().name();
  }

  static String severity(Finding f) {
    return f.severity().name().toLowerCase(Locale.ROOT);
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
