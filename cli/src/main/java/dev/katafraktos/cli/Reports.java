package dev.katafraktos.cli;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.frontend.AuditReports;
import java.io.PrintWriter;

/** Prints an audit in one format. */
final class Reports {
  private Reports() {}

  static void print(PrintWriter out, ReportFormat format, AuditResult result) {
    String text = format.format().write(AuditReports.of(result));
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }
}
