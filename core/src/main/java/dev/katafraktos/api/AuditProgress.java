package dev.katafraktos.api;

/** Told how far the registry checks of an audit have come; called from the checking threads. */
@FunctionalInterface
public interface AuditProgress {
  /** {@code done} of {@code total} distinct references have been checked. */
  void checked(int done, int total);

  AuditProgress NONE = (done, total) -> {};
}
