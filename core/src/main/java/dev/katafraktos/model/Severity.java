package dev.katafraktos.model;

/** How much a finding matters; {@link #OFF} turns a rule off. Ordered from most to least severe. */
public enum Severity {
  ERROR,
  WARNING,
  INFO,
  OFF;

  /** Whether this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return this != OFF && compareTo(threshold) <= 0;
  }
}
