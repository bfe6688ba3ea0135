package dev.katafraktos.model;

/** A string that is not a valid container image reference. */
public class InvalidImageReferenceException extends Exception {

  /** The kinds of error the reference Go implementation distinguishes. */
  public enum Kind {
    INVALID_FORMAT,
    NAME_CONTAINS_UPPERCASE,
    NAME_EMPTY,
    NAME_TOO_LONG,
    NAME_NOT_CANONICAL,
    TAG_INVALID_FORMAT,
    DIGEST_INVALID_FORMAT,
    DIGEST_INVALID_LENGTH,
    DIGEST_UNSUPPORTED,
    HEX_IDENTIFIER_AS_NAME,
    REPOSITORY_NAME_UPPERCASE
  }

  private final String input;
  private final Kind kind;

  public InvalidImageReferenceException(String input, Kind kind, String message) {
    super("Invalid image reference \"" + input + "\": " + message);
    this.input = input;
    this.kind = kind;
  }

  public String input() {
    return input;
  }

  public Kind kind() {
    return kind;
  }
}
