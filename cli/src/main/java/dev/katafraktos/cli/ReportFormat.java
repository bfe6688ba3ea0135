package dev.katafraktos.cli;

import dev.katafraktos.report.AuditJson;
import dev.katafraktos.report.AuditJunit;
import dev.katafraktos.report.AuditMarkdown;
import dev.katafraktos.report.AuditReport;
import dev.katafraktos.report.AuditSarif;
import dev.katafraktos.report.AuditTable;
import java.util.function.Function;

/** The audit report formats, with the file name each gets in {@code --report-dir}. */
enum ReportFormat {
  table("katafraktos-audit.txt", AuditTable::write),
  json("katafraktos-audit.json", AuditJson::write),
  sarif("katafraktos-audit.sarif", AuditSarif::write),
  junit("TEST-katafraktos-audit.xml", AuditJunit::write),
  markdown("katafraktos-audit.md", AuditMarkdown::write);

  final String fileName;
  final Function<AuditReport, String> writer;

  ReportFormat(String fileName, Function<AuditReport, String> writer) {
    this.fileName = fileName;
    this.writer = writer;
  }
}
