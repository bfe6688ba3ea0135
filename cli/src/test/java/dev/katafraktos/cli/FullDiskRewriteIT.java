package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewrite --in-place} of a values file on a full file system (a 1 MiB tmpfs, filled up): the
 * file stays byte for byte as it was, no temporary file is left, and the CLI says so in one line
 * and exits 3.
 *
 * <p>Mounting needs root (or CAP_SYS_ADMIN). Without it the test is skipped, and fails with {@code
 * CI=true}; run it as root, or in a user and mount namespace: {@code unshare -rm mvn ...}.
 */
class FullDiskRewriteIT {
  @TempDir static Path dir;
  static Path disk;

  @BeforeAll
  static void mountSmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    String problem;
    try {
      Process mount =
          new ProcessBuilder(
                  "mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", disk.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      problem =
          mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0
              ? null
              : "mount -t tmpfs failed: " + output.strip();
    } catch (IOException e) {
      problem = "cannot run mount: " + e.getMessage();
    }
    if (problem != null) {
      disk = null;
      String message =
          problem
              + "; this test mounts a small tmpfs to fill it: run it as root, or as"
              + " `unshare -rm mvn -B -o -pl core,cli verify -Dit.test=FullDiskRewriteIT ...`";
      RealParts.missing(message);
    }
  }

  @AfterAll
  static void unmount() throws Exception {
    if (disk != null) {
      Process umount = new ProcessBuilder("umount", disk.toString()).inheritIO().start();
      assertThat(umount.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void rewriteInPlace_diskFull_leavesFileIntactAndSaysWhy() throws Exception {
    Path chart = RewriteFixture.chart(dir.resolve("chart"));
    Path values = Files.writeString(disk.resolve("values.yaml"), RewriteFixture.values(300_000));
    byte[] before = Files.readAllBytes(values);
    fill(disk.resolve("filler"));

    CliRun run =
        PackagedCli.create()
            .in(dir)
            .run(
                RewriteFixture.rewrite(chart, values.toString(), RewriteFixture.HUB)
                    .toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILURE);
    assertThat(run.err())
        .isEqualTo(
            "katafraktos: Cannot write "
                + values
                + ": no space left on device; nothing was changed\n");
    assertThat(Files.readAllBytes(values)).isEqualTo(before);
    try (var files = Files.list(disk)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(List.of("values.yaml", "filler"));
    }
  }

  /** Writes until the file system refuses another byte. */
  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertThat(e).hasMessageContaining("No space left on device");
    }
  }
}
