package dev.katafraktos.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streamed body that gives up when no byte arrives for the read timeout. The JDK's client times
 * out only until the headers; a registry that sends half a blob and then nothing would otherwise
 * hold the copy forever. On a stall the stream is closed from a watchdog thread, which ends the
 * blocked read, and the read fails with {@link StalledException}.
 */
final class IdleGuard extends FilterInputStream {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "katafraktos-idle-guard");
            t.setDaemon(true);
            return t;
          });

  private final String what;
  private final Duration timeout;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean stalled;

  IdleGuard(InputStream in, String what, Duration timeout) {
    super(in);
    this.what = what;
    this.timeout = timeout;
    long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
    this.check =
        WATCHDOG.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
  }

  private void checkIdle() {
    if (System.nanoTime() - lastProgress > timeout.toNanos()) {
      stalled = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException e) {
        // closing only wakes the reader
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = super.read(b, off, len);
    } catch (IOException e) {
      throw stalled ? stalledException() : e;
    }
    if (stalled) {
      throw stalledException();
    }
    if (n < 0) {
      check.cancel(false);
    } else {
      lastProgress = System.nanoTime();
    }
    return n;
  }

  private StalledException stalledException() {
    return new StalledException(
        what + ": no data for " + timeout.toSeconds() + " s; stopped waiting");
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }

  /** The body stopped arriving. */
  static final class StalledException extends IOException {
    private static final long serialVersionUID = 1L;

    StalledException(String message) {
      super(message);
    }
  }
}
