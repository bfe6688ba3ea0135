package dev.katafraktos.registry;

/** Harbor could not answer a question; the message is one line and says what to check next. */
public final class HarborException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why Harbor did not answer, for callers that map it to an availability. */
  public enum Kind {
    /** 401 or 403: the credentials are missing, wrong, or lack the permission. */
    UNAUTHORIZED,
    /** No HTTP answer at all: connection refused, timeout, DNS, TLS handshake. */
    UNREACHABLE,
    /** Any other answer that is not the one asked for: 5xx, unexpected status, unreadable body. */
    ERROR
  }

  private final Kind kind;

  public HarborException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HarborException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
