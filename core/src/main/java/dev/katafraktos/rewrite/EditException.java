package dev.katafraktos.rewrite;

/** An edit that cannot be made safely; the one-line message says where, why and what to do. */
public final class EditException extends Exception {
  private static final long serialVersionUID = 1L;

  public EditException(String message) {
    super(message);
  }
}
