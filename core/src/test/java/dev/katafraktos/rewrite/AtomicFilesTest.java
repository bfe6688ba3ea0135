package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void write_keepsPermissions_andLeavesNoTempFile() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, "a: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.write(file, "a: 2\n");

    assertThat(file).hasContent("a: 2");
    assertThat(Files.readString(file)).isEqualTo("a: 2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw----");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void malformedFile_isRefusedAndLeftUntouched() throws Exception {
    Path file = dir.resolve("values.yaml");
    String broken = "image:\n  tag: [v1\n";
    Files.writeString(file, broken);

    assertThatThrownBy(() -> ValuesEditor.parse(file, Files.readString(file)))
        .isInstanceOf(ValuesSyntaxException.class)
        .hasMessageStartingWith(file + ":");
    assertThat(Files.readString(file)).isEqualTo(broken);
  }
}
