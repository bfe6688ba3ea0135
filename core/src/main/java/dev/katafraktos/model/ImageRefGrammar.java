package dev.katafraktos.model;

import java.util.Optional;

/**
 * The syntax of image references, as {@code regexp.go} of github.com/distribution/reference defines
 * it: syntax only, no length limit and no digest validation (see {@link ImageRef} for those).
 *
 * <pre>
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [ domain "/" ] path-component [ "/" path-component ]*
 * domain           := host [ ":" /[0-9]+/ ]
 * host             := domain-component [ "." domain-component ]* | "[" /[a-fA-F0-9:]+/ "]"
 * domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 * path-component   := /[a-z0-9]+/ [ separator /[a-z0-9]+/ ]*    with separator /[_.]|__|[-]+/
 * tag              := /[\w][\w.-]{0,127}/
 * digest           := /[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}/
 * identifier       := /[a-f0-9]{64}/
 * </pre>
 *
 * <p>Hand-written scanners instead of {@code java.util.regex}: Go's RE2 runs in linear time and its
 * {@code $} matches only at the very end, whereas a backtracking Java pattern with nested
 * repetition can overflow the stack on a long input and its {@code $} also matches before a final
 * line break. The extractor feeds arbitrary strings from rendered charts through here.
 */
public final class ImageRefGrammar {

  /** {@link #splitName} result for a string that is not a name. */
  static final int NO_NAME = -2;

  /** {@link #splitName} result for a name without a domain. */
  static final int NO_DOMAIN = -1;

  private ImageRefGrammar() {}

  /** Whether {@code s} is a registry host with an optional port, e.g. {@code [::1]:5000}. */
  public static boolean isDomain(String s) {
    return s != null && GrammarScanner.domain(s, 0, s.length());
  }

  /** Whether {@code s} is a valid tag, e.g. {@code 1.25-alpine}. */
  public static boolean isTag(String s) {
    return s != null && GrammarScanner.tag(s, 0, s.length());
  }

  /**
   * Whether {@code s} fits the digest syntax of a reference: an algorithm, {@code :}, and 32 or
   * more hex digits. Weaker than the check {@link ImageRef#parse} applies.
   */
  public static boolean isDigest(String s) {
    return s != null && GrammarScanner.digest(s, 0, s.length());
  }

  /** Whether {@code s} is exactly 64 lowercase hex digits, the form of an image ID. */
  public static boolean isIdentifier(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} is a name: {@code [domain/]path}, without tag or digest. */
  public static boolean isName(String s) {
    return s != null && splitName(s, 0, s.length()) != NO_NAME;
  }

  /** Whether {@code s} is a reference: {@code name[:tag][@digest]}. */
  public static boolean isReference(String s) {
    return s != null && match(s) != null;
  }

  /** Splits a name into domain and path (tag and digest {@code null}); empty if no name. */
  public static Optional<ImageRef> matchName(String s) {
    if (s == null) {
      return Optional.empty();
    }
    int split = splitName(s, 0, s.length());
    return split == NO_NAME ? Optional.empty() : Optional.of(nameParts(s, split, s.length()));
  }

  /** Splits a reference into its parts; empty when the syntax does not match. */
  public static Optional<ImageRef> matchReference(String s) {
    return s == null ? Optional.empty() : Optional.ofNullable(match(s));
  }

  /** The parts of {@code s}, or {@code null} when it is not a reference; no allocation then. */
  static ImageRef match(String s) {
    int length = s.length();
    // No part of a name or tag may contain "@", and no digest either: the first "@" is the split.
    int at = s.indexOf('@');
    int nameAndTagEnd = at < 0 ? length : at;
    if (at >= 0 && !GrammarScanner.digest(s, at + 1, length)) {
      return null;
    }
    // A colon in the name belongs to a domain (port or IPv6), which a "/" always follows; so a
    // colon after the last "/" must start the tag, e.g. "localhost:5000" is name and tag.
    int colon = s.lastIndexOf(':', nameAndTagEnd - 1);
    boolean tagged = colon > s.lastIndexOf('/', nameAndTagEnd - 1);
    int nameEnd = tagged ? colon : nameAndTagEnd;
    if (tagged && !GrammarScanner.tag(s, colon + 1, nameAndTagEnd)) {
      return null;
    }
    int split = splitName(s, 0, nameEnd);
    if (split == NO_NAME) {
      return null;
    }
    ImageRef name = nameParts(s, split, nameEnd);
    return new ImageRef(
        name.domain(),
        name.path(),
        tagged ? s.substring(colon + 1, nameAndTagEnd) : null,
        at < 0 ? null : s.substring(at + 1));
  }

  private static ImageRef nameParts(String s, int split, int end) {
    return split == NO_DOMAIN
        ? new ImageRef("", s.substring(0, end), null, null)
        : new ImageRef(s.substring(0, split), s.substring(split + 1, end), null, null);
  }

  /**
   * Where the domain of the name {@code s[from, to)} ends (the index of its "/"), {@link
   * #NO_DOMAIN} or {@link #NO_NAME}. The domain is optional but, as in the Go regex, taken whenever
   * the first component fits it: {@code library/ubuntu} has the domain {@code library}.
   */
  static int splitName(String s, int from, int to) {
    int slash = GrammarScanner.indexOf(s, '/', from, to);
    if (slash >= 0
        && GrammarScanner.domain(s, from, slash)
        && GrammarScanner.remoteName(s, slash + 1, to)) {
      return slash;
    }
    return GrammarScanner.remoteName(s, from, to) ? NO_DOMAIN : NO_NAME;
  }
}
