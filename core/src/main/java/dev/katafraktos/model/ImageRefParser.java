package dev.katafraktos.model;

import dev.katafraktos.model.InvalidImageReferenceException.Kind;

/**
 * The parse functions of github.com/distribution/reference ({@code reference.go}, {@code
 * normalize.go}), step for step, so that every edge case falls out the same way.
 *
 * <p>They return an {@link Outcome} instead of throwing: the extractor tries every string of a
 * rendered chart, most of which are no image, and an exception per miss would dominate the cost.
 */
final class ImageRefParser {

  static final int PATH_MAX_LENGTH = 255;
  static final String DEFAULT_DOMAIN = "docker.io";
  private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  private static final String OFFICIAL_REPO_PREFIX = "library/";

  /** A parsed reference or the kind of error; failures are shared constants, never allocated. */
  record Outcome(ImageRef ref, Kind error) {

    private static final Outcome[] FAILURES = new Outcome[Kind.values().length];

    static {
      for (Kind kind : Kind.values()) {
        FAILURES[kind.ordinal()] = new Outcome(null, kind);
      }
    }

    static Outcome of(ImageRef ref) {
      return new Outcome(ref, null);
    }

    static Outcome failure(Kind kind) {
      return FAILURES[kind.ordinal()];
    }

    boolean valid() {
      return error == null;
    }

    ImageRef orThrow(String input) throws InvalidImageReferenceException {
      if (error != null) {
        throw new InvalidImageReferenceException(input, error);
      }
      return ref;
    }
  }

  private ImageRefParser() {}

  /** {@code Parse}: the syntax, the length of the path, then the digest. */
  static Outcome parse(String s) {
    if (s.isEmpty()) {
      return Outcome.failure(Kind.NAME_EMPTY);
    }
    ImageRef ref = ImageRefGrammar.match(s);
    if (ref == null) {
      // Go lowercases and retries to tell an uppercase path from any other mistake.
      boolean onlyCase =
          hasUppercase(s, 0, s.length()) && ImageRefGrammar.match(toLowerCase(s)) != null;
      return Outcome.failure(onlyCase ? Kind.NAME_CONTAINS_UPPERCASE : Kind.INVALID_FORMAT);
    }
    if (ref.path().length() > PATH_MAX_LENGTH) {
      return Outcome.failure(Kind.NAME_TOO_LONG);
    }
    if (ref.digest() != null) {
      Kind digestError = Digests.validate(ref.digest());
      if (digestError != null) {
        return Outcome.failure(digestError);
      }
    }
    return Outcome.of(ref);
  }

  /**
   * {@code ParseNormalizedNamed}: Docker's reading of a familiar name, e.g. {@code nginx} as {@code
   * docker.io/library/nginx}. Like Go it decides on the domain from the raw input (first
   * "/"-separated part) and only then parses {@code domain + "/" + rest} strictly.
   */
  static Outcome parseNormalized(String s) {
    if (ImageRefGrammar.isIdentifier(s)) {
      return Outcome.failure(Kind.HEX_IDENTIFIER_AS_NAME);
    }
    String domain;
    String remainder;
    int slash = s.indexOf('/');
    if (slash < 0) {
      // A single component is always an official image, even "localhost" or "example.com"
      // (upstream FIXME in splitDockerDomain).
      domain = DEFAULT_DOMAIN;
      remainder = OFFICIAL_REPO_PREFIX + s;
    } else {
      String first = s.substring(0, slash);
      if (first.equals(LEGACY_DEFAULT_DOMAIN)) {
        domain = DEFAULT_DOMAIN;
        remainder = s.substring(slash + 1);
      } else if (first.equals("localhost")
          || first.indexOf('.') >= 0
          || first.indexOf(':') >= 0
          || hasUppercase(s, 0, slash)) {
        // An uppercase first part cannot be a path component, so Go takes it for a host.
        domain = first;
        remainder = s.substring(slash + 1);
      } else {
        domain = DEFAULT_DOMAIN;
        remainder = s;
      }
      if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
        remainder = OFFICIAL_REPO_PREFIX + remainder;
      }
    }
    int colon = remainder.indexOf(':');
    if (hasUppercase(remainder, 0, colon < 0 ? remainder.length() : colon)) {
      return Outcome.failure(Kind.REPOSITORY_NAME_UPPERCASE);
    }
    return parse(domain + "/" + remainder);
  }

  /** {@code WithName}: a name only; no empty or uppercase checks, as in Go. */
  static Outcome parseName(String s) {
    int split = ImageRefGrammar.splitName(s, 0, s.length());
    if (split == ImageRefGrammar.NO_NAME) {
      return Outcome.failure(Kind.INVALID_FORMAT);
    }
    String path = split == ImageRefGrammar.NO_DOMAIN ? s : s.substring(split + 1);
    if (path.length() > PATH_MAX_LENGTH) {
      return Outcome.failure(Kind.NAME_TOO_LONG);
    }
    return Outcome.of(new ImageRef(split < 0 ? "" : s.substring(0, split), path, null, null));
  }

  /**
   * Whether Go's {@code strings.ToLower} would change {@code s[from, to)}. Per code point and with
   * the simple case mapping, as Go does: the Kelvin sign lowers to "k" and "İ" to "i".
   */
  private static boolean hasUppercase(String s, int from, int to) {
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      if (Character.toLowerCase(cp) != cp) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static String toLowerCase(String s) {
    StringBuilder lower = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> lower.appendCodePoint(Character.toLowerCase(cp)));
    return lower.toString();
  }
}
