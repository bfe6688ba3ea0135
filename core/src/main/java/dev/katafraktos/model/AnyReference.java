package dev.katafraktos.model;

/**
 * What {@link ImageRef#parseAny} accepts: a named reference, or a digest alone (an image ID as
 * {@code docker inspect} and {@code docker run <id>} take it). Use {@code instanceof} to tell them
 * apart.
 */
public sealed interface AnyReference permits ImageRef, DigestReference {

  /** The digest ({@code algorithm:hex}), or {@code null} when there is none. */
  String digest();
}
