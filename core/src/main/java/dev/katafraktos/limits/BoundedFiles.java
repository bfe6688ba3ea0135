package dev.katafraktos.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Text files read whole, after their size is checked: a 2 GB values file is refused unread. */
public final class BoundedFiles {
  private BoundedFiles() {}

  /** {@code file} as UTF-8 (malformed input is an error), or a refusal when it is too large. */
  public static String readString(Path file) throws IOException {
    long size = Files.size(file);
    if (size > InputLimits.FILE_BYTES) {
      throw new FileTooLargeException(file, size);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** A file over {@link InputLimits#FILE_BYTES}; the message names it and says what to do. */
  public static final class FileTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    FileTooLargeException(Path file, long size) {
      super(
          file
              + " is "
              + size
              + " bytes, over the limit of "
              + InputLimits.FILE_BYTES
              + " for one YAML file; refused");
    }
  }
}
