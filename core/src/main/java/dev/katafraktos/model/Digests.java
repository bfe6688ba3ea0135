package dev.katafraktos.model;

import dev.katafraktos.model.InvalidImageReferenceException.Kind;

/**
 * Digest validation as {@code Digest.Validate} of github.com/opencontainers/go-digest v1.0.0.
 *
 * <p>The available algorithms are sha256, sha384 and sha512: all that go-digest v1.0.0 knows. In
 * Go, sha384 and sha512 are available only when the program links {@code crypto/sha512}; every real
 * client (docker, containerd, helm) does through {@code crypto/tls}, while the upstream unit tests
 * do not. We follow the clients, so a chart that pins an image by a sha512 digest is read as an
 * image reference. The conformance test documents this next to the one vector it changes.
 */
final class Digests {

  private Digests() {}

  /** The error kind for {@code digest}, or {@code null} when it is valid. */
  static Kind validate(String digest) {
    int colon = digest.indexOf(':');
    if (colon <= 0 || colon + 1 == digest.length()) {
      return Kind.DIGEST_INVALID_FORMAT;
    }
    int hexLength = hexLength(digest, colon);
    if (hexLength < 0) {
      return hasDigestSyntax(digest, colon) ? Kind.DIGEST_UNSUPPORTED : Kind.DIGEST_INVALID_FORMAT;
    }
    if (digest.length() - colon - 1 != hexLength) {
      return Kind.DIGEST_INVALID_LENGTH;
    }
    for (int i = colon + 1; i < digest.length(); i++) {
      char c = digest.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return Kind.DIGEST_INVALID_FORMAT;
      }
    }
    return null;
  }

  /** Twice the hash size in bytes for an available algorithm, else -1. */
  private static int hexLength(String digest, int colon) {
    if (colon != 6) {
      return -1;
    }
    if (digest.startsWith("sha256")) {
      return 64;
    }
    if (digest.startsWith("sha384")) {
      return 96;
    }
    return digest.startsWith("sha512") ? 128 : -1;
  }

  /**
   * Whether go-digest's {@code DigestRegexpAnchored} matches; for an unknown algorithm it decides
   * between "unsupported" and "invalid format".
   *
   * <pre>[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+</pre>
   */
  private static boolean hasDigestSyntax(String digest, int colon) {
    boolean afterSeparator = true;
    for (int i = 0; i < colon; i++) {
      char c = digest.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        afterSeparator = false;
      } else if (afterSeparator || ".+_-".indexOf(c) < 0) {
        return false;
      } else {
        afterSeparator = true;
      }
    }
    if (afterSeparator) {
      return false;
    }
    for (int i = colon + 1; i < digest.length(); i++) {
      char c = digest.charAt(i);
      boolean allowed =
          c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '=';
      if (!(allowed || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
