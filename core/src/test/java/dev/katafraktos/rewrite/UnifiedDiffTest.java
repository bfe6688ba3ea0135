package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiedDiffTest {
  @TempDir Path dir;

  @BeforeAll
  static void gnuTools() {
    RealTools.requireTool("diff", "install GNU diffutils (apt-get install diffutils)");
    RealTools.requireTool("patch", "install GNU patch (apt-get install patch)");
  }

  @Test
  void equalTexts_giveEmptyDiff() {
    assertThat(UnifiedDiff.of("values.yaml", "a: 1\n", "a: 1\n")).isEmpty();
    assertThat(UnifiedDiff.of("values.yaml", "", "")).isEmpty();
  }

  @Test
  void oneChangedLine_withThreeLinesOfContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    assertThat(UnifiedDiff.of("values.yaml", before, after))
        .isEqualTo(
            "--- a/values.yaml\n+++ b/values.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
  }

  @Test
  void crlfLines_keepTheirCr_andMissingFinalNewlineIsMarked() {
    assertThat(UnifiedDiff.of("v.yaml", "a: 1\r\nb: 2", "a: 1\r\nb: 3"))
        .isEqualTo(
            "--- a/v.yaml\n+++ b/v.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\n\\ No newline at end of file\n"
                + "+b: 3\n\\ No newline at end of file\n");
    assertThat(UnifiedDiff.of("v.yaml", "", "a\n"))
        .isEqualTo("--- a/v.yaml\n+++ b/v.yaml\n@@ -0,0 +1 @@\n+a\n");
  }

  @Test
  void goldenCases_matchGnuDiff() throws Exception {
    Path golden = RealTools.testdata().resolve("values/golden");
    List<Path> expectedFiles;
    try (Stream<Path> files = Files.list(golden)) {
      expectedFiles = files.filter(f -> f.toString().endsWith(".expected.yaml")).sorted().toList();
    }
    assertThat(expectedFiles).isNotEmpty();
    for (Path expected : expectedFiles) {
      String input = expected.getFileName().toString().replace(".expected.yaml", ".yaml");
      assertSameAsGnu(Files.readString(golden.resolve(input)), Files.readString(expected));
    }
  }

  /** With every line distinct the shortest diff is unique, so GNU's must be ours, byte for byte. */
  @Test
  void randomEditScripts_distinctLines_matchGnuDiff() throws Exception {
    Random random = new Random(20240611L);
    for (int round = 0; round < 60; round++) {
      int[] next = {0};
      Script script = Script.random(random, () -> "line " + next[0]++ + crMaybe(random));
      assertSameAsGnu(script.before, script.after);
    }
  }

  /**
   * With repeated lines (blank lines, braces) several shortest diffs exist and GNU diff's pick
   * depends on its heuristics, which this class does not copy. What must hold: {@code patch} turns
   * the old text into the new one with our diff, and it changes no more lines than {@code diff
   * --minimal}.
   */
  @Test
  void randomEditScripts_repeatedLines_applyWithPatch_andAreMinimal() throws Exception {
    Random random = new Random(42L);
    String[] common = {"", "  tag: v1", "}", "  image:", "a", "b", "a\r"};
    for (int round = 0; round < 60; round++) {
      Script script =
          Script.random(
              random,
              () ->
                  random.nextInt(2) == 0
                      ? common[random.nextInt(common.length)]
                      : "line " + random.nextInt(10));
      String ours = UnifiedDiff.of("values.yaml", script.before, script.after);
      Path file = dir.resolve("values.yaml");
      Files.writeString(file, script.before);
      Files.writeString(dir.resolve("ours.diff"), ours);
      run(
          dir,
          "patch",
          "-p1",
          "--quiet",
          "--batch",
          "--no-backup-if-mismatch",
          "--input",
          "ours.diff");
      assertThat(Files.readString(file)).as(ours).isEqualTo(script.after);
      Files.writeString(dir.resolve("before.yaml"), script.before);
      Files.writeString(dir.resolve("after.yaml"), script.after);
      String minimal = run(dir, "diff", "-u", "--minimal", "before.yaml", "after.yaml");
      assertThat(changedLines(ours)).as(ours).isEqualTo(changedLines(minimal));
    }
  }

  /** A random text and the text after a few random line insertions, deletions and changes. */
  private record Script(String before, String after) {
    static Script random(Random random, Supplier<String> newLine) {
      List<String> lines = new ArrayList<>();
      for (int size = random.nextInt(40); lines.size() < size; ) {
        lines.add(newLine.get());
      }
      String before = join(lines, random.nextInt(5) > 0);
      for (int edits = random.nextInt(8); edits >= 0; edits--) {
        int at = random.nextInt(lines.size() + 1);
        switch (random.nextInt(3)) {
          case 0 -> lines.add(at, newLine.get());
          case 1 -> {
            if (at < lines.size()) {
              lines.remove(at);
            }
          }
          default -> {
            if (at < lines.size()) {
              lines.set(at, newLine.get());
            }
          }
        }
      }
      return new Script(before, join(lines, random.nextInt(5) > 0));
    }
  }

  private static String crMaybe(Random random) {
    return random.nextInt(4) == 0 ? "\r" : "";
  }

  private static long changedLines(String diff) {
    return diff.lines()
        .filter(l -> !l.startsWith("---") && !l.startsWith("+++"))
        .filter(l -> l.startsWith("-") || l.startsWith("+"))
        .count();
  }

  private static String join(List<String> lines, boolean finalNewline) {
    String text = String.join("\n", lines);
    return finalNewline && !lines.isEmpty() ? text + "\n" : text;
  }

  private void assertSameAsGnu(String before, String after) throws Exception {
    Path a = dir.resolve("before.yaml");
    Path b = dir.resolve("after.yaml");
    Files.writeString(a, before);
    Files.writeString(b, after);
    String gnu = run(dir, "diff", "-u", "before.yaml", "after.yaml");
    String ours = UnifiedDiff.of("values.yaml", before, after);
    assertThat(hunks(ours)).as("before:\n%s\nafter:\n%s", before, after).isEqualTo(hunks(gnu));
  }

  /** Without the two header lines, which name the files and their times. */
  private static String hunks(String diff) {
    int at = diff.indexOf("\n@@");
    return at < 0 ? diff : diff.substring(at + 1);
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isLessThan(2);
    return out;
  }

  @Test
  void absoluteLabel_isWrittenAsItIs() {
    assertThat(UnifiedDiff.of("/tmp/v.yaml", "a\n", "b\n"))
        .isEqualTo("--- /tmp/v.yaml\n+++ /tmp/v.yaml\n@@ -1 +1 @@\n-a\n+b\n");
  }
}
