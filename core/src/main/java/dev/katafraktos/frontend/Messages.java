package dev.katafraktos.frontend;

/** Failure messages as frontends show them: one line, whatever the exception carried. */
public final class Messages {
  private Messages() {}

  /** The first line of the message of {@code e}, or its type when it has none. */
  public static String firstLine(Throwable e) {
    String message =
        e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
