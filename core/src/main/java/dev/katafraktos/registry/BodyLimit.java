package dev.katafraktos.registry;

/**
 * The most a registry answer may hold before it is refused: what it is (for the message) and how
 * many bytes. Registries are untrusted; without a cap one answer could fill the heap.
 *
 * <p>The numbers follow containers/image ({@code internal/iolimits}, written for CVE-2020-1702):
 * manifests 4 MiB, the limit distribution itself puts on a manifest PUT ({@code
 * registry/handlers/manifests.go}, {@code maxManifestBodySize = 4 << 20}), so no conforming
 * registry can serve a larger one; config blobs 4 MiB; token responses 1 MiB (a token is a JWT of a
 * few KiB).
 *
 * @param what the kind of body, e.g. {@code manifest}
 * @param bytes the cap
 */
record BodyLimit(String what, long bytes) {
  private static final long MIB = 1024 * 1024;

  static final BodyLimit MANIFEST = new BodyLimit("manifest", 4 * MIB);
  static final BodyLimit CONFIG = new BodyLimit("image config", 4 * MIB);
  static final BodyLimit TOKEN = new BodyLimit("token response", MIB);
  static final BodyLimit HARBOR_JSON = new BodyLimit("Harbor API answer", MIB);

  /** {@code GET /v2/} answers {@code {}}; only its status and challenge are used. */
  static final BodyLimit PING = new BodyLimit("answer to GET /v2/", 64 * 1024);

  /**
   * Error bodies, redirects and pings are kept only for the message they may carry (its first 200
   * characters), so they are cut here instead of refused: the status code is the answer.
   */
  static final long DETAIL_BYTES = 64 * 1024;

  String describe() {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes / 1024 + " KiB";
  }
}
