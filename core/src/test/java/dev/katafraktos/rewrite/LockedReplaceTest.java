package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-time guard against lost updates, on real files. */
class LockedReplaceTest {
  @TempDir Path dir;

  @Test
  void write_fileStillAsPlanned_writesNewText() throws IOException {
    Path file = Files.writeString(dir.resolve("values.yaml"), "a: 1\n");

    LockedReplace.write(List.of(new LockedReplace.Change(file, "a: 1\n", "a: 2\n")));

    assertThat(file).hasContent("a: 2\n");
    assertThat(dir.toFile().list()).containsExactly("values.yaml");
  }

  @Test
  void write_oneOfTwoFilesChangedSincePlanned_throwsAndWritesNeither() throws IOException {
    Path first = Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
    Path second = Files.writeString(dir.resolve("b.yaml"), "b: 1 # edited by someone else\n");

    assertThatThrownBy(
            () ->
                LockedReplace.write(
                    List.of(
                        new LockedReplace.Change(first, "a: 1\n", "a: 2\n"),
                        new LockedReplace.Change(second, "b: 1\n", "b: 2\n"))))
        .isInstanceOf(FileChangedException.class)
        .hasMessage(second + " changed while it was being rewritten; nothing was changed");

    assertThat(first).hasContent("a: 1\n");
    assertThat(second).hasContent("b: 1 # edited by someone else\n");
  }

  @Test
  void write_staleTempOfKilledWriter_isRemoved() throws IOException {
    Path file = Files.writeString(dir.resolve("values.yaml"), "a: 1\n");
    Files.writeString(dir.resolve(".values.yaml.8811957362.tmp"), "a: 2\nhalf writ");
    Files.writeString(dir.resolve(".values.yaml.notanumber.tmp"), "someone's own file");
    Files.writeString(dir.resolve(".other.yaml.1234.tmp"), "another file's writer");

    LockedReplace.write(List.of(new LockedReplace.Change(file, "a: 1\n", "a: 2\n")));

    assertThat(dir.toFile().list())
        .containsExactlyInAnyOrder(
            "values.yaml", ".values.yaml.notanumber.tmp", ".other.yaml.1234.tmp");
  }

  @Test
  void write_throughSymlink_locksAndWritesTheLinkedFileAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(dir.resolve("real.yaml"), "a: 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("values.yaml"), real.getFileName());

    LockedReplace.write(List.of(new LockedReplace.Change(link, "a: 1\n", "a: 2\n")));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("a: 2\n");
  }

  @Test
  void write_newFileCreatedByOtherSincePlanned_throws() throws IOException {
    Path file = Files.writeString(dir.resolve("out.yaml"), "x: 1\n");

    assertThatThrownBy(
            () -> LockedReplace.write(List.of(new LockedReplace.Change(file, "", "a: 2\n"))))
        .isInstanceOf(FileChangedException.class);
    assertThat(file).hasContent("x: 1\n");
  }
}
