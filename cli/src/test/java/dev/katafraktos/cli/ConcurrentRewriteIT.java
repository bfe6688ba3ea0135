package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged CLIs rewrite one values file at the same time, one moving the Docker Hub image and
 * one the Quay image: both read the file before either writes, so without a guard the second rename
 * replaces the first one's edit. The file must end with both.
 */
class ConcurrentRewriteIT {
  static final int PAIRS = Integer.getInteger("katafraktos.concurrent.pairs", 10);

  @TempDir Path dir;

  @Test
  void rewriteInPlace_twoProcessesAtOnce_bothEditsSurvive() throws Exception {
    Path chart = RewriteFixture.chart(dir.resolve("chart"));
    String old = RewriteFixture.values(50_000);
    String both =
        old.replace(
                "  image: nginx:1.27.4 # pinned by the platform team\n",
                "  image: harbor.x/dh/library/nginx:1.27.4 # pinned by the platform team\n")
            .replace(
                "  image: quay.io/curl/curl:8.12.1\n", "  image: harbor.x/quay/curl/curl:8.12.1\n");
    assertThat(both).isNotEqualTo(old);

    for (int pair = 0; pair < PAIRS; pair++) {
      Path values = Files.writeString(dir.resolve("values-" + pair + ".yaml"), old);
      String name = values.getFileName().toString();
      CompletableFuture<CliRun> hub = run(chart, name, RewriteFixture.HUB);
      CompletableFuture<CliRun> quay = run(chart, name, RewriteFixture.QUAY);

      CliRun first = hub.join();
      CliRun second = quay.join();
      assertThat(first.exitCode()).as("pair %d, docker.io: %s", pair, first.err()).isZero();
      assertThat(second.exitCode()).as("pair %d, quay.io: %s", pair, second.err()).isZero();
      assertThat(RewriteFixture.read(values)).as("pair %d: both edits", pair).isEqualTo(both);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no temporary file is left")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  // its own threads: the common pool has one thread on a two-core machine, which would run the
  // two CLIs one after the other
  private final ExecutorService both = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    both.shutdownNow();
  }

  private CompletableFuture<CliRun> run(Path chart, String values, String mapping) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return PackagedCli.create()
                .in(dir)
                .run(RewriteFixture.rewrite(chart, values, mapping).toArray(String[]::new));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        both);
  }
}
