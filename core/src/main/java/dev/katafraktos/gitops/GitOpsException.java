package dev.katafraktos.gitops;

/**
 * A git operation that could not be done. The message is one line that names the repository or the
 * git ref and says what to do next; when it ends in "nothing was changed", no ref, file or index
 * was written.
 */
public class GitOpsException extends Exception {

  public GitOpsException(String message) {
    super(oneLine(message));
  }

  public GitOpsException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    return message == null ? null : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
