package dev.katafraktos.cli;

import dev.katafraktos.frontend.AuditFormat;
import java.util.Locale;

/** The {@code --output} values of {@code audit}: the core report formats, spelled as flags. */
enum ReportFormat {
  table,
  json,
  sarif,
  junit,
  markdown;

  AuditFormat format() {
    return AuditFormat.valueOf(name().toUpperCase(Locale.ROOT));
  }
}
