package dev.katafraktos.registry;

import java.util.Objects;

/**
 * The vulnerability scan overview of an artifact ({@code NativeReportSummary} in the spec).
 *
 * @param status Harbor's job status: {@code Success}, {@code Error}, {@code Running}, {@code
 *     Pending}, {@code Stopped}, {@code Scheduled}
 * @param severity the highest severity found, as Harbor spells it: {@code Critical, High, Medium,
 *     Low, Unknown, None}; null while the scan has not succeeded
 */
public record HarborScan(String status, String severity) {

  public HarborScan {
    Objects.requireNonNull(status, "status");
  }

  /** Whether the scan finished and produced a report; only then is {@link #severity} meaningful. */
  public boolean succeeded() {
    return "Success".equalsIgnoreCase(status);
  }
}
