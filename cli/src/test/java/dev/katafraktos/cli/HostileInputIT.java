package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile YAML and packaged charts against the packaged CLI in a 256 MiB JVM: one line naming the
 * file (with line and column, or the archive entry), exit code 3, nothing written. The fixtures are
 * in {@code testdata/hostile} (README there); the large ones are made here.
 */
class HostileInputIT {
  private static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();
  private static final Path HOSTILE = TESTDATA.resolve("hostile");
  private static final Path CHART = TESTDATA.resolve("charts/string-image");
  private static final String ALIAS_BOMB_AT = ":11:12: aliases expand to more than 100000 nodes";
  private static final String TOO_DEEP_AT = ":2:262: nested deeper than 256 levels; refused";

  @TempDir Path dir;

  private static CliRun cli(Path in, String... args) throws Exception {
    return PackagedCli.create().jvm("-Xmx256m").in(in).run(args);
  }

  /** {@code bomb} (the alias bomb) or {@code deep} (10 000 nested sequences) as a file. */
  private Path hostile(String kind, String name) throws IOException {
    String text =
        kind.equals("bomb")
            ? Files.readString(HOSTILE.resolve("alias-bomb.yaml"))
            : "image: nginx:1.27\ndeep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    return Files.writeString(dir.resolve(name), text);
  }

  private static String where(String kind) {
    return kind.equals("bomb") ? ALIAS_BOMB_AT : TOO_DEEP_AT;
  }

  private static void assertRefusedInOneLine(CliRun run, String... parts) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
    for (String part : parts) {
      assertThat(run.err()).contains(part);
    }
    assertThat(run.err()).doesNotContain("OutOfMemoryError", "StackOverflowError");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bomb", "deep"})
  void list_hostileValuesFile_exit3NamingFileLineColumn(String kind) throws Exception {
    Path values = hostile(kind, "values.yaml");

    CliRun run = cli(dir, "list", "-f", values.toString(), CHART.toString());

    assertRefusedInOneLine(run, "Invalid YAML in values file " + values + where(kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bomb", "deep"})
  void rewriteInPlace_hostileValuesFile_exit3AndFileUnchanged(String kind) throws Exception {
    Path values = hostile(kind, "values.yaml");
    String before = sha256(values);

    CliRun run =
        cli(
            dir,
            "rewrite",
            "--in-place",
            "--mapping",
            "docker.io=harbor.example.com/dh",
            "-f",
            values.toString(),
            CHART.toString());

    assertRefusedInOneLine(run, values + where(kind), "file left unchanged");
    assertThat(sha256(values)).isEqualTo(before);
    assertThat(listFiles(dir)).containsExactly(values);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "rewrite"})
  void hugeValuesFile_exit3RefusedUnreadAndUnchanged(String command) throws Exception {
    Path values = dir.resolve("values.yaml");
    try (var out = Files.newBufferedWriter(values)) {
      out.write("image: nginx:1.27\nfiller: ");
      char[] chunk = new char[1024 * 1024];
      java.util.Arrays.fill(chunk, 'x');
      for (int i = 0; i < 40; i++) {
        out.write(chunk);
      }
      out.write("\n");
    }
    String before = sha256(values);
    List<String> args = new java.util.ArrayList<>(List.of(command, "-f", values.toString()));
    if (command.equals("rewrite")) {
      args.addAll(List.of("--in-place", "--mapping", "docker.io=harbor.example.com/dh"));
    }
    args.add(CHART.toString());

    CliRun run = cli(dir, args.toArray(String[]::new));

    assertRefusedInOneLine(
        run, values + " is " + Files.size(values) + " bytes, over the limit of 8388608");
    assertThat(sha256(values)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bomb", "deep"})
  void rewrite_hostileConfig_exit3AndValuesUnchanged(String kind) throws Exception {
    Path config = hostile(kind, "katafraktos.yaml");
    Path values = Files.writeString(dir.resolve("values.yaml"), "image: nginx:1.27\n");

    CliRun run =
        cli(
            dir,
            "rewrite",
            "--config",
            config.toString(),
            "--in-place",
            "-f",
            values.toString(),
            CHART.toString());

    assertRefusedInOneLine(run, "Invalid YAML in " + config + where(kind));
    assertThat(Files.readString(values)).isEqualTo("image: nginx:1.27\n");
  }

  /** helm (go-yaml) reads the chart's values and its rendered templates before we do. */
  @ParameterizedTest
  @ValueSource(strings = {"bomb-values", "bomb-output", "deep-output"})
  void list_chartWhoseValuesOrOutputAttack_exit3NamingTheFile(String chart) throws Exception {
    CliRun run = cli(dir, "list", HOSTILE.resolve("charts").resolve(chart).toString());

    String file = chart.equals("bomb-values") ? "values.yaml" : "templates/";
    assertRefusedInOneLine(run, "Cannot render chart ", chart, file);
  }

  @Test
  void list_chartPrinting40MiB_exit3BeforeTheOutputIsHeld() throws Exception {
    Path chart = HOSTILE.resolve("charts/huge-output");

    CliRun run = cli(dir, "list", chart.toString());

    assertRefusedInOneLine(
        run,
        "Cannot render chart " + chart + ": the chart rendered 41943",
        "over the limit of 33554432; refused");
  }

  @Test
  void list_configDataHoldingABombAndDeepNesting_readsItAsTextAndSucceeds() throws Exception {
    CliRun run = cli(dir, "list", HOSTILE.resolve("charts/bomb-config-data").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("docker.io/library/nginx:1.27", "docker.io/library/redis:7.4");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "parent-entry.tgz|entry 'web/templates/../../../escape.yaml' points outside the chart",
        "absolute-entry.tgz|entry '/tmp/katafraktos-escape.yaml' has an absolute name",
        "oversized-entry.tgz|entry 'web/files/big.bin' expands to 6291456 bytes",
        "forged-size.tgz|entry 'web/templates/huge.yaml' expands to 8589934591 bytes"
      })
  void list_unsafePackagedChart_exit3NamingArchiveAndEntry(String archiveAndMessage)
      throws Exception {
    String[] parts = archiveAndMessage.split("\\|");
    Path tgz = HOSTILE.resolve("archives").resolve(parts[0]);

    CliRun run = cli(dir, "list", tgz.toString());

    assertRefusedInOneLine(run, "Unsafe packaged chart " + tgz + ": " + parts[1]);
    assertThat(Path.of("/tmp/katafraktos-escape.yaml")).doesNotExist();
  }

  @Test
  void list_packagedChartWithLinks_skipsThemAndRenders() throws Exception {
    CliRun run = cli(dir, "list", HOSTILE.resolve("archives/link-entry.tgz").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("nginx:1.27").doesNotContain("root:");
  }

  @Test
  void list_gzipBombOverHelmsChartLimit_exit3InBoundedMemory() throws Exception {
    Path tgz = dir.resolve("bomb.tgz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tgz))) {
      out.write(header("web/Chart.yaml", 10));
      out.write("name: web\n".getBytes());
      out.write(new byte[502]);
      byte[] zeros = new byte[5 * 1024 * 1024];
      for (int i = 0; i < 40; i++) { // 200 MiB expanded, twice helm's limit and the heap
        out.write(header("web/files/zero-" + i, zeros.length));
        out.write(zeros);
      }
      out.write(new byte[1024]);
    }

    CliRun run = cli(dir, "list", tgz.toString());

    assertRefusedInOneLine(
        run,
        "Unsafe packaged chart " + tgz + ": entry 'web/files/zero-19' takes the expanded chart");
  }

  /**
   * A repository whose Argo CD Application, Flux HelmRelease and helmfile attack, and whose values
   * file of a sound Application does: each is skipped (discovery) or refused (the values file) with
   * a line naming it; the files stay as they were, the other releases are rewritten.
   */
  @Test
  void rewriteDiscover_hostileManifestsAndValues_skippedWithTheirLineAndLeftUnchanged()
      throws Exception {
    Path repo = dir.resolve("repo");
    copy(TESTDATA.resolve("repos/argocd"), repo);
    String bomb = Files.readString(HOSTILE.resolve("alias-bomb.yaml"));
    Path argo =
        Files.writeString(
            repo.resolve("apps/children/hostile.yaml"),
            Files.readString(repo.resolve("apps/children/web.yaml"))
                    .replace("name: web\n", "name: hostile\n")
                + bomb.replaceAll("(?m)^", "  ").replace("  #", "#"));
    Path flux =
        Files.writeString(
            repo.resolve("apps/children/helmrelease.yaml"),
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n"
                + "metadata: {name: deep}\nspec: "
                + "[".repeat(10_000)
                + "]".repeat(10_000)
                + "\n");
    Path helmfile = Files.writeString(repo.resolve("helmfile.yaml"), "releases:\n" + bomb);
    Path values = repo.resolve("envs/prod/web.yaml");
    Files.writeString(values, Files.readString(values) + bomb);
    List<String> before =
        Stream.of(argo, flux, helmfile, values).map(HostileInputIT::sha256).toList();

    CliRun run =
        cli(
            repo,
            "rewrite",
            "--discover",
            ".",
            "--in-place",
            "--mapping",
            "docker.io=harbor.example.com/dh");

    assertThat(run.out() + run.err())
        .contains("apps/children/hostile.yaml: file: invalid YAML at apps/children/hostile.yaml:")
        .contains("apps/children/helmrelease.yaml:4:262: nested deeper than 256 levels; refused")
        .contains("helmfile.yaml:12:12: aliases expand to more than 100000 nodes")
        .contains("envs/prod/web.yaml:13:12: aliases expand to more than 100000 nodes")
        .contains("envs/prod/shop.yaml: changed")
        .doesNotContain("OutOfMemoryError", "StackOverflowError");
    assertThat(Stream.of(argo, flux, helmfile, values).map(HostileInputIT::sha256).toList())
        .isEqualTo(before);
  }

  private static byte[] header(String name, long size) {
    byte[] header = new byte[512];
    byte[] bytes = name.getBytes();
    System.arraycopy(bytes, 0, header, 0, bytes.length);
    byte[] octal = String.format("%011o", size).getBytes();
    System.arraycopy(octal, 0, header, 124, octal.length);
    header[156] = '0';
    return header;
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
