package dev.katafraktos.api;

import dev.katafraktos.registry.CopyOutcome;

/** Told how far a mirror run has come; called from the copying threads. */
public interface MirrorProgress {
  /** {@code done} of {@code total} images have been planned (HEADs, manifests). */
  default void planned(int done, int total) {}

  /** One image is done (copied, present, failed...); {@code done} of {@code total}. */
  default void copied(CopyOutcome outcome, int done, int total) {}

  MirrorProgress NONE = new MirrorProgress() {};
}
