package dev.katafraktos.frontend;

import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.report.AuditJson;
import dev.katafraktos.report.AuditJunit;
import dev.katafraktos.report.AuditMarkdown;
import dev.katafraktos.report.AuditReport;
import dev.katafraktos.report.AuditSarif;
import dev.katafraktos.report.AuditTable;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The audit report formats, with the file name each gets in a report directory. */
public enum AuditFormat {
  TABLE("katafraktos-audit.txt", AuditTable::write),
  JSON("katafraktos-audit.json", AuditJson::write),
  SARIF("katafraktos-audit.sarif", AuditSarif::write),
  JUNIT("TEST-katafraktos-audit.xml", AuditJunit::write),
  MARKDOWN("katafraktos-audit.md", AuditMarkdown::write);

  private final String fileName;
  private final Function<AuditReport, String> writer;

  AuditFormat(String fileName, Function<AuditReport, String> writer) {
    this.fileName = fileName;
    this.writer = writer;
  }

  /** The name users write: {@code table}, {@code json}, {@code sarif}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file this format is written to in a report directory. */
  public String fileName() {
    return fileName;
  }

  /** The report in this format. */
  public String write(AuditReport report) {
    return writer.apply(report);
  }

  /** The format named {@code id} (any case, surrounding blanks ignored). */
  public static AuditFormat parse(String id) throws ConfigException {
    String wanted = id == null ? "" : id.trim();
    for (AuditFormat format : values()) {
      if (format.id().equalsIgnoreCase(wanted)) {
        return format;
      }
    }
    throw new ConfigException(
        "unknown report format '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(AuditFormat::id).collect(Collectors.joining(", ")));
  }
}
