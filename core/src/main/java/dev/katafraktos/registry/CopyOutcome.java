package dev.katafraktos.registry;

import dev.katafraktos.model.ImageRef;
import java.util.List;

/**
 * What the copy of one image did.
 *
 * @param plan what it was going to do
 * @param state how it ended
 * @param digest the manifest digest now at the target (equal to the source's), or null
 * @param manifestsWritten manifests written to the target
 * @param blobsUploaded blobs sent to the target
 * @param blobsMounted blobs the target mounted from another of its repositories
 * @param blobsPresent blobs the target held already
 * @param bytesUploaded bytes sent to the target
 * @param pulls manifest GETs made at a registry whose pulls are counted
 * @param extras signatures, attestations and referrers copied with the image
 * @param message why it failed or was not started; null otherwise
 */
public record CopyOutcome(
    CopyPlan plan,
    State state,
    String digest,
    int manifestsWritten,
    int blobsUploaded,
    int blobsMounted,
    int blobsPresent,
    long bytesUploaded,
    int pulls,
    List<String> extras,
    String message) {

  public CopyOutcome {
    extras = List.copyOf(extras);
  }

  /** How the copy of one image ended. */
  public enum State {
    /** The target held it already. */
    PRESENT,
    /** Copied; the target's digest equals the source's. */
    COPIED,
    /** Pulled through the target (a Harbor proxy-cache project), which now caches it. */
    WARMED,
    /** Tried and failed; a later run finishes what this one wrote. */
    FAILED,
    /** Not tried: the pull budget was spent or the source answered 429 earlier in the run. */
    NOT_STARTED
  }

  public ImageRef source() {
    return plan.source();
  }

  public ImageRef target() {
    return plan.target();
  }

  /** Nothing left to do for this image. */
  public boolean done() {
    return state == State.PRESENT || state == State.COPIED || state == State.WARMED;
  }

  /** An outcome that wrote nothing: present, failed or not started, as {@code state} says. */
  public static CopyOutcome of(CopyPlan plan, State state, String message) {
    return new CopyOutcome(plan, state, plan.digest(), 0, 0, 0, 0, 0, 0, List.of(), message);
  }
}
