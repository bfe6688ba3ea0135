package dev.katafraktos.model;

import java.util.Objects;

/**
 * A reference by digest alone, without a repository: {@code sha256:<64 hex>}. A bare 64-hex image
 * ID is read as this with algorithm sha256.
 *
 * @param digest the validated digest, {@code algorithm:hex}
 */
public record DigestReference(String digest) implements AnyReference {

  public DigestReference {
    Objects.requireNonNull(digest, "digest");
  }

  /** The digest, as Go's {@code String()} of a digest-only reference. */
  @Override
  public String toString() {
    return digest;
  }
}
