package dev.katafraktos.frontend;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.ChartInventory;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.Release;
import dev.katafraktos.report.AuditReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes an audit's report files, the same way from every frontend. */
public final class AuditReports {
  private AuditReports() {}

  /** The report of {@code result}, for any writer. */
  public static AuditReport of(AuditResult result) {
    Map<String, Release> releases = new LinkedHashMap<>();
    for (ChartInventory chart : result.inventory().charts()) {
      if (chart.declared() != null) {
        releases.put(chart.chart(), chart.declared());
        // a release rendered for several versions is audited, and reported, under its own name
        releases.putIfAbsent(KubeVersions.releaseOf(chart.chart()), chart.declared());
      }
    }
    for (RenderFailure failure : result.inventory().failures()) {
      if (failure.declared() != null) {
        releases.put(failure.release(), failure.declared());
      }
    }
    return AuditReport.of(
        result.subjects(),
        result.findings(),
        releases,
        result.inventory().failures(),
        KubeVersions.differences(result.inventory()));
  }

  /**
   * Writes each of {@code formats} to its file in {@code directory} (created when missing),
   * atomically, so a CI step never reads half a report.
   *
   * @return the files written, in format order
   */
  public static List<Path> write(
      Path directory, AuditResult result, Collection<AuditFormat> formats) throws IOException {
    Files.createDirectories(directory);
    AuditReport report = of(result);
    List<Path> written = new ArrayList<>();
    for (AuditFormat format : new TreeSet<>(formats)) {
      Path target = directory.resolve(format.fileName());
      Path partial = Files.createTempFile(directory, format.fileName(), ".partial");
      try {
        Files.writeString(partial, format.write(report), StandardCharsets.UTF_8);
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      written.add(target);
    }
    return written;
  }

  /** Writes every format. */
  public static List<Path> writeAll(Path directory, AuditResult result) throws IOException {
    return write(directory, result, EnumSet.allOf(AuditFormat.class));
  }
}
