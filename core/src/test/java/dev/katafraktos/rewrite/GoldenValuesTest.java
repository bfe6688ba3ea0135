package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The edits in {@code testdata/values/golden/<case>.edits} applied to {@code <case>.yaml} give
 * {@code <case>.expected.yaml} byte for byte, with the warnings in {@code <case>.warnings} (none
 * when absent), or fail with the one-line message in {@code <case>.error}. The expected files are
 * written by hand; {@code -Dkatafraktos.regenerateGolden=true} rewrites them from the code, for a
 * change whose diff you then review line by line (testdata/values/README.md).
 */
class GoldenValuesTest {
  private static final boolean REGENERATE = Boolean.getBoolean("katafraktos.regenerateGolden");

  private record Edit(ValuePath path, String value) {}

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    Path golden = RealTools.testdata().resolve("values/golden");
    List<String> cases;
    try (Stream<Path> files = Files.list(golden)) {
      cases =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".edits"))
              .map(f -> f.substring(0, f.length() - ".edits".length()))
              .sorted()
              .toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(golden, name)));
  }

  private static void check(Path golden, String name) throws Exception {
    Path label = Path.of(name + ".yaml");
    String input = Files.readString(golden.resolve(name + ".yaml"));
    List<Edit> edits = edits(golden.resolve(name + ".edits"));
    Path expectedFile = golden.resolve(name + ".expected.yaml");
    Path warningsFile = golden.resolve(name + ".warnings");
    Path errorFile = golden.resolve(name + ".error");
    ValuesEditor edited;
    try {
      edited = apply(ValuesEditor.parse(label, input), edits, true);
    } catch (EditException | ValuesSyntaxException e) {
      if (REGENERATE) {
        Files.writeString(errorFile, e.getMessage() + "\n");
        Files.deleteIfExists(expectedFile);
        Files.deleteIfExists(warningsFile);
      }
      if (!Files.exists(errorFile)) {
        throw e;
      }
      assertThat(e.getMessage()).isEqualTo(Files.readString(errorFile).strip());
      return;
    }
    if (REGENERATE) {
      Files.writeString(expectedFile, edited.text());
      Files.deleteIfExists(errorFile);
      if (edited.warnings().isEmpty()) {
        Files.deleteIfExists(warningsFile);
      } else {
        Files.write(warningsFile, edited.warnings());
      }
    }
    if (Files.exists(errorFile)) {
      fail("expected %s to be refused with: %s", name, Files.readString(errorFile).strip());
    }
    String expected = Files.readString(expectedFile);
    assertThat(edited.text())
        .as("%s, expected → actual:%n%s", name, UnifiedDiff.of(name, expected, edited.text()))
        .isEqualTo(expected);
    assertThat(edited.warnings())
        .isEqualTo(Files.exists(warningsFile) ? Files.readAllLines(warningsFile) : List.of());

    ValuesEditor again = apply(ValuesEditor.parse(label, edited.text()), edits, false);
    assertThat(again.changed()).as("%s: the same edits a second time", name).isFalse();
    assertThat(again.text()).isEqualTo(edited.text());
    assertThat(again.changes()).isEmpty();
  }

  /** The generic check must catch what a wrong expected file would not: it runs on every case. */
  @Test
  void footprint_acceptsTheValueAndAddedKeys_rejectsAnythingElse() {
    ValuePath path = ValuePath.parse("image.registry");
    String before = "# c\r\nimage:\r\n  registry: docker.io # public\r\n  tag: v1\r\n";
    EditFootprint.check(path, before, before.replace("docker.io", "harbor.example.com"));
    EditFootprint.check(path, "image:\n  tag: v1", "image:\n  tag: v1\n  registry: h");
    EditFootprint.check(path, "image: {tag: v1}\n", "image: {tag: v1, registry: h}\n");
    EditFootprint.check(path, "image: {}\n", "image:\n  registry: h\n");

    for (String after :
        List.of(
            before.replace("# c", "# C"),
            before.replace("# public", "#public"),
            before.replace("docker.io", "h").replace("v1", "v2"),
            before.replace("registry: docker.io", "Registry: h"),
            before.replace("  tag: v1\r\n", "  tag: v1\r\n  other: x\r\n"),
            before.replace("# c\r\n", "# c\n"),
            before.substring(0, before.length() - 2))) {
      assertThatThrownBy(() -> EditFootprint.check(path, before, after))
          .as(after)
          .isInstanceOf(AssertionError.class);
    }
  }

  private static ValuesEditor apply(ValuesEditor editor, List<Edit> edits, boolean footprint)
      throws EditException {
    for (Edit edit : edits) {
      ValuesEditor next = editor.set(edit.path(), edit.value());
      if (footprint) {
        EditFootprint.check(edit.path(), editor.text(), next.text());
      }
      editor = next;
    }
    return editor;
  }

  /** Lines {@code path=value}; blank lines and lines starting with # are skipped. */
  private static List<Edit> edits(Path file) throws IOException {
    List<Edit> edits = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int at = line.indexOf('=');
      assertThat(at).as("%s: %s is not path=value", file, line).isPositive();
      edits.add(new Edit(ValuePath.parse(line.substring(0, at)), line.substring(at + 1)));
    }
    return edits;
  }
}
