package dev.katafraktos.rewrite;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file no longer holds the text a rewrite planned its edits from: another process changed it
 * meanwhile. Nothing was written; plan again from the file's new text.
 */
public final class FileChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public FileChangedException(Path file) {
    super(file + " changed while it was being rewritten; nothing was changed");
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
