package dev.katafraktos.releases;

import java.nio.file.Path;

/**
 * A path a repository names that leads outside it: through a symbolic link (of the file itself or
 * of a directory on the way) to somewhere the repository's real root does not contain, or, in a
 * tree read from git objects, through any symbolic link. The message is one line naming the path
 * relative to the repository and where the link leads.
 */
public class OutsideRepositoryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  public OutsideRepositoryException(Path path, String message) {
    super(message);
    this.path = path;
  }

  /** The path as the repository named it (absolute, links not resolved). */
  public Path path() {
    return path;
  }
}
