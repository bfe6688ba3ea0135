package dev.katafraktos.rewrite;

/** A values file that is not valid YAML; the message starts with {@code file:line:column}. */
public final class ValuesSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public ValuesSyntaxException(String message, Throwable cause) {
    super(message, cause);
  }
}
