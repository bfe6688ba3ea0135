package dev.katafraktos.cli;

import dev.katafraktos.api.AuditProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress bar of registry checks on stderr, redrawn in place. Only for a terminal and
 * enough images to wait for; a CI log gets no carriage-return noise.
 */
final class ProgressBar implements AuditProgress {
  static final int MIN_IMAGES = 10;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private int shown = -1;
  private int latest;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  /** A bar when stderr is a terminal, otherwise nothing. */
  static AuditProgress forTerminal(PrintWriter err) {
    return stderrIsTerminal() ? new ProgressBar(err) : AuditProgress.NONE;
  }

  /**
   * Whether stderr is a terminal. The JDK only tells whether stdin and stdout both are (a report
   * piped to a file still deserves a bar), so on Linux stderr's file descriptor is looked at.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public synchronized void checked(int done, int total) {
    // the counts come from several checking threads and may arrive out of order
    if (total < MIN_IMAGES || done <= latest) {
      return;
    }
    latest = done;
    int filled = done * WIDTH / total;
    if (filled == shown && done != total) {
      return;
    }
    shown = filled;
    err.print(
        "\rchecking images ["
            + "#".repeat(filled)
            + "-".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + (done == total ? "\n" : ""));
    err.flush();
  }
}
