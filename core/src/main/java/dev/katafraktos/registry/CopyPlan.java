package dev.katafraktos.registry;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import java.util.List;

/**
 * What copying one image would do, learnt with HEADs and (except from a registry whose pulls are
 * counted, in a dry run) the manifests.
 *
 * @param source the image as the charts name it
 * @param target where it is mirrored to
 * @param state whether it is there already, to be copied, or cannot be
 * @param digest the source's manifest digest (or the target's, when present), null when unknown
 * @param mediaType the source manifest's media type, null when unknown
 * @param manifests manifests to write (index and children, signatures included), 0 when unknown
 * @param bytes blob bytes the image holds (config and layers, signatures included), -1 when
 *     unknown; the copy sends only those the target lacks
 * @param pulls manifest GETs the copy costs at a registry whose pulls are counted (Docker Hub)
 * @param pullsExact false when the count is a lower bound (an index not read in a dry run)
 * @param extras signature, attestation and referrer manifests found for the image
 * @param rateLimit the source's pull limit as its answer stated it, or null
 * @param message why the state is what it is, for PRESENT and FAILED; null otherwise
 * @param warnings things the user should know (an index narrowed to some platforms)
 */
public record CopyPlan(
    ImageRef source,
    ImageRef target,
    State state,
    String digest,
    String mediaType,
    int manifests,
    long bytes,
    int pulls,
    boolean pullsExact,
    List<String> extras,
    RateLimit rateLimit,
    String message,
    List<String> warnings) {

  public CopyPlan {
    extras = List.copyOf(extras);
    warnings = List.copyOf(warnings);
  }

  /** Where an image stands before the copy. */
  public enum State {
    /** The target holds it already (one HEAD). */
    PRESENT,
    /** The target lacks it and the source has it. */
    COPY,
    /** It cannot be copied: the source lacks it, refuses, or a registry cannot be reached. */
    FAILED
  }

  static CopyPlan failed(ImageRef source, ImageRef target, String message) {
    return new CopyPlan(
        source,
        target,
        State.FAILED,
        null,
        null,
        0,
        -1,
        0,
        true,
        List.of(),
        null,
        message,
        List.of());
  }
}
