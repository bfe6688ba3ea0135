package dev.katafraktos.api;

/** A run that cannot complete: a chart that does not render, a manifest that is not YAML. */
public class KatafraktosException extends Exception {
  private final String chart;

  public KatafraktosException(String chart, String message, Throwable cause) {
    super(message, cause);
    this.chart = chart;
  }

  /** The chart the failure concerns, as the user named it, or {@code null}. */
  public String chart() {
    return chart;
  }
}
