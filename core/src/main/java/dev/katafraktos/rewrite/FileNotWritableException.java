package dev.katafraktos.rewrite;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be replaced: it is read-only, or its directory does not let us create the new
 * version next to it. Nothing was changed; the one-line message says why.
 */
public final class FileNotWritableException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public FileNotWritableException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
