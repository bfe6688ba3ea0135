package dev.katafraktos.cli;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.report.AuditReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Prints an audit in one format and writes every format into a report directory. */
final class Reports {
  private Reports() {}

  static void print(PrintWriter out, ReportFormat format, AuditResult result) {
    String text = format.writer.apply(report(result));
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }

  /** Writes each format to its file, atomically, so a CI step never reads half a report. */
  static void writeAll(Path directory, AuditResult result) throws IOException {
    Files.createDirectories(directory);
    AuditReport report = report(result);
    for (ReportFormat format : ReportFormat.values()) {
      Path target = directory.resolve(format.fileName);
      Path partial = Files.createTempFile(directory, format.fileName, ".partial");
      try {
        Files.writeString(partial, format.writer.apply(report), StandardCharsets.UTF_8);
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }

  private static AuditReport report(AuditResult result) {
    return AuditReport.of(result.subjects(), result.findings());
  }
}
