package dev.katafraktos.model;

/** A string that is not a valid container image reference. */
public class InvalidImageReferenceException extends Exception {

  /** Inputs longer than this are shortened in the message; {@link #input()} keeps them whole. */
  private static final int MAX_QUOTED_LENGTH = 200;

  /**
   * The kinds of error the reference Go implementation (github.com/distribution/reference with
   * github.com/opencontainers/go-digest) distinguishes; the Go name is given for each.
   */
  public enum Kind {
    /** {@code ErrReferenceInvalidFormat}. */
    INVALID_FORMAT("expected [registry[:port]/]repository[:tag][@algorithm:hex]"),
    /** {@code ErrNameContainsUppercase}. */
    NAME_CONTAINS_UPPERCASE("the repository name must be lowercase"),
    /** {@code ErrNameEmpty}. */
    NAME_EMPTY("the reference is empty; expected [registry[:port]/]repository[:tag][@digest]"),
    /** {@code ErrNameTooLong}: the path (the name without its registry) is the part limited. */
    NAME_TOO_LONG("the repository path must not be longer than 255 characters"),
    /** {@code ErrNameNotCanonical}. */
    NAME_NOT_CANONICAL(
        "not in canonical form; write registry and full path, e.g. docker.io/library/nginx"),
    /** {@code ErrTagInvalidFormat}. */
    TAG_INVALID_FORMAT(
        "a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'"),
    /** {@code ErrDigestInvalidFormat}, and go-digest's {@code ErrDigestInvalidFormat}. */
    DIGEST_INVALID_FORMAT("a digest is algorithm:hex, e.g. sha256: and 64 lowercase hex digits"),
    /** go-digest's {@code ErrDigestInvalidLength}. */
    DIGEST_INVALID_LENGTH(
        "the digest has the wrong number of hex digits for its algorithm (sha256 needs 64)"),
    /** go-digest's {@code ErrDigestUnsupported}. */
    DIGEST_UNSUPPORTED("unsupported digest algorithm; use sha256, sha384 or sha512"),
    /** Unnamed in Go: the whole input is 64 lowercase hex digits. */
    HEX_IDENTIFIER_AS_NAME(
        "64 hex digits are an image ID, not a repository name; name the repository instead"),
    /** Unnamed in Go: an uppercase letter in the path of a name that is being normalized. */
    REPOSITORY_NAME_UPPERCASE("the repository name must be lowercase");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** What is wrong and what a valid value looks like. */
    public String description() {
      return description;
    }
  }

  private final String input;
  private final Kind kind;

  public InvalidImageReferenceException(String input, Kind kind) {
    this(input, kind, kind.description());
  }

  public InvalidImageReferenceException(String input, Kind kind, String message) {
    super("Invalid image reference \"" + quoted(input) + "\": " + message);
    this.input = input;
    this.kind = kind;
  }

  /**
   * The input as it can go into a one-line message: the input comes from charts and pull requests
   * and the message goes to terminals and CI logs, where a line break could forge a log line (a CI
   * workflow command, say) and an escape sequence or a bidi override could hide text. So control,
   * format and separator characters and lone surrogates are written as backslash-u escapes with
   * their hex code ({@code \n}, {@code \r}, {@code \t} by name), a backslash as two; long inputs
   * are cut, never inside a surrogate pair.
   */
  private static String quoted(String input) {
    if (input == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < input.length() && out.length() < MAX_QUOTED_LENGTH) {
      int cp = input.codePointAt(i);
      switch (cp) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (unprintable(cp)) {
            out.append(String.format(cp > 0xffff ? "\\U%08x" : "\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
      i += Character.charCount(cp);
    }
    return i < input.length() ? out + "… (" + input.length() + " characters)" : out.toString();
  }

  private static boolean unprintable(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  public String input() {
    return input;
  }

  public Kind kind() {
    return kind;
  }
}
