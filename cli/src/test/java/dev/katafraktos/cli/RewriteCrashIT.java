package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewrite --in-place} of a large values file, killed with SIGKILL at random points of the
 * packaged CLI's run: the file is always byte for byte the old or the new version with its
 * permissions, and the embedded helm worker dies with the CLI.
 *
 * <p>Half of the kills come at a random moment of the whole run, half right after the temporary
 * file appears next to the values file (the write window, found by polling the directory). Replay a
 * failure with {@code -Dkatafraktos.crash.seed=SEED} (printed); run longer with {@code
 * -Dkatafraktos.crash.tries=N}.
 */
class RewriteCrashIT {
  static final int VALUES_BYTES = Integer.getInteger("katafraktos.crash.bytes", 512_000);
  static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw-r--");

  @TempDir Path dir;

  @Test
  void rewriteInPlace_killedAtRandomPoints_leavesOldOrNewFileNeverPartial() throws Exception {
    long seed = Long.getLong("katafraktos.crash.seed", System.nanoTime());
    int tries = Integer.getInteger("katafraktos.crash.tries", 50);
    System.out.println(
        "RewriteCrashIT seed " + seed + " (replay: -Dkatafraktos.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path chart = RewriteFixture.chart(dir.resolve("chart"));
    String old = RewriteFixture.values(VALUES_BYTES);
    Path original = Files.writeString(dir.resolve("original.yaml"), old);
    Files.setPosixFilePermissions(original, MODE);

    // the new version, from one complete run on a copy
    Path reference = copy(original, dir.resolve("reference"));
    long started = System.nanoTime();
    CliRun complete =
        PackagedCli.create()
            .in(reference.getParent())
            .run(
                RewriteFixture.rewrite(chart, "values.yaml", RewriteFixture.HUB)
                    .toArray(String[]::new));
    long runNanos = System.nanoTime() - started;
    assertThat(complete.exitCode()).as(complete.err()).isZero();
    byte[] oldBytes = Files.readAllBytes(original);
    byte[] newBytes = Files.readAllBytes(reference);
    assertThat(newBytes).isNotEqualTo(oldBytes);

    int sawOld = 0;
    int sawNew = 0;
    int killedInWriteWindow = 0;
    int finishedFirst = 0;
    List<String> leftovers = new ArrayList<>();
    Path staleDir = null; // an old file with a killed run's temporary file next to it
    for (int t = 0; t < tries; t++) {
      int i = t;
      Path values = copy(original, dir.resolve("try-" + i));
      boolean atWrite = i % 2 == 0;
      Process cli =
          PackagedCli.create()
              .in(values.getParent())
              .start(
                  RewriteFixture.rewrite(chart, "values.yaml", RewriteFixture.HUB)
                      .toArray(String[]::new));
      cli.getOutputStream().close();
      boolean killed =
          atWrite
              ? killWhenTempAppears(cli, values.getParent(), random.nextInt(2_000_000))
              : killAfter(cli, (long) (random.nextDouble() * runNanos * 1.1));
      List<ProcessHandle> children = cli.descendants().toList();
      if (killed) {
        cli.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
      }
      assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("try %d ends", i).isTrue();
      cli.getInputStream().close();
      cli.getErrorStream().close();
      if (killed && atWrite) {
        killedInWriteWindow++;
      }
      if (!killed) {
        finishedFirst++;
      }

      byte[] now = Files.readAllBytes(values);
      boolean isOld = Arrays.equals(now, oldBytes);
      boolean isNew = Arrays.equals(now, newBytes);
      assertThat(isOld || isNew)
          .as(
              "try %d (seed %d): values.yaml is neither the old nor the new version (%d bytes)",
              i, seed, now.length)
          .isTrue();
      sawOld += isOld ? 1 : 0;
      sawNew += isNew ? 1 : 0;
      assertThat(Files.getPosixFilePermissions(values)).as("try %d permissions", i).isEqualTo(MODE);
      try (var files = Files.list(values.getParent())) {
        files
            .map(f -> f.getFileName().toString())
            .filter(n -> !n.equals("values.yaml"))
            .forEach(n -> leftovers.add("try-" + i + "/" + n));
      }
      if (isOld && leftovers.stream().anyMatch(n -> n.startsWith("try-" + i + "/"))) {
        staleDir = values.getParent();
      }
      for (ProcessHandle child : children) {
        try {
          child.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          child.destroyForcibly();
          throw new AssertionError(
              "try "
                  + i
                  + ": the CLI's child "
                  + child.info().commandLine().orElse("?")
                  + " outlived the killed CLI");
        }
      }
    }
    long total = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "RewriteCrashIT: %d tries in %d ms (one complete run %d ms): %d old, %d new, %d killed"
            + " while the temporary file existed, %d finished before the kill; temporary files"
            + " left behind: %s%n",
        tries,
        total,
        runNanos / 1_000_000,
        sawOld,
        sawNew,
        killedInWriteWindow,
        finishedFirst,
        leftovers);
    assertThat(sawOld).as("some kill came before the rename").isPositive();
    assertThat(killedInWriteWindow)
        .as("kills inside the write window (seed %d)", seed)
        .isGreaterThanOrEqualTo(tries / 4);
    if (staleDir != null) {
      // a killed run cannot remove its temporary file; the next rewrite of the file does
      CliRun next =
          PackagedCli.create()
              .in(staleDir)
              .run(
                  RewriteFixture.rewrite(chart, "values.yaml", RewriteFixture.HUB)
                      .toArray(String[]::new));
      assertThat(next.exitCode()).as(next.err()).isZero();
      assertThat(Files.readAllBytes(staleDir.resolve("values.yaml"))).isEqualTo(newBytes);
      assertThat(staleDir.toFile().list()).containsExactly("values.yaml");
    }
  }

  private static Path copy(Path original, Path tryDir) throws IOException {
    Files.createDirectories(tryDir);
    Path values = tryDir.resolve("values.yaml");
    Files.copy(original, values, StandardCopyOption.COPY_ATTRIBUTES);
    Files.setPosixFilePermissions(values, MODE);
    return values;
  }

  /**
   * Waits until the rewrite's temporary file ({@code .values.yaml.<number>.tmp}) appears, then
   * {@code delayNanos} more. Returns false if the CLI ended first. inotify (the JDK's WatchService
   * on Linux) rather than a polling loop, which would take one of the machine's cores from the CLI.
   */
  private static boolean killWhenTempAppears(Process cli, Path dir, long delayNanos)
      throws IOException, InterruptedException {
    try (WatchService watcher = dir.getFileSystem().newWatchService()) {
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      while (cli.isAlive()) {
        WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context() != null && event.context().toString().startsWith(".values.yaml.")) {
            spin(delayNanos);
            return cli.isAlive();
          }
        }
        key.reset();
      }
    }
    return false;
  }

  private static boolean killAfter(Process cli, long nanos) throws InterruptedException {
    return !cli.waitFor(nanos, TimeUnit.NANOSECONDS);
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
