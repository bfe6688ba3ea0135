package dev.katafraktos.extract;

/**
 * JSON pointers (RFC 6901) into documents, as {@link dev.katafraktos.model.ImageOccurrence#path}.
 */
final class Pointers {

  private Pointers() {}

  /**
   * {@code base/key}, with {@code ~} and {@code /} in the key escaped as {@code ~0} and {@code ~1}.
   */
  static String child(String base, String key) {
    return base + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code base/index}. */
  static String child(String base, int index) {
    return base + "/" + index;
  }
}
