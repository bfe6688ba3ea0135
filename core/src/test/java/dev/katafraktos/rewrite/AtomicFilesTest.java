package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      RealTools.missing("AtomicFilesTest needs a POSIX file system (permissions, owners)");
    }
  }

  @Test
  void write_keepsPermissions_andLeavesNoTempFile() throws Exception {
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, "a: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.write(file, "a: 2\n");

    assertThat(Files.readString(file)).isEqualTo("a: 2\n");
    assertThat(permissions(file)).isEqualTo("rw-rw----");
    assertThat(listing()).containsExactly(file);
  }

  @Test
  void newFile_isCreatedReadableByAll() throws Exception {
    Path file = dir.resolve("overrides.yaml");

    AtomicFiles.write(file, "image:\n  registry: h\n");

    assertThat(Files.readString(file)).isEqualTo("image:\n  registry: h\n");
    assertThat(permissions(file)).isEqualTo("rw-r--r--");
  }

  /** As root, Files.isWritable says yes to any file; the missing write bits must still refuse. */
  @Test
  void readOnlyFile_isRefused_alsoForRoot() throws Exception {
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, "a: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    if (isRoot()) {
      assertThat(Files.isWritable(file)).as("root may write anything").isTrue();
    }

    assertThatThrownBy(() -> AtomicFiles.write(file, "a: 2\n"))
        .isInstanceOf(FileNotWritableException.class)
        .hasMessage(file + " is read-only; nothing was changed");
    assertThat(Files.readString(file)).isEqualTo("a: 1\n");
    assertThat(permissions(file)).isEqualTo("r--r--r--");
    assertThat(listing()).containsExactly(file);
  }

  @Test
  void directoryWithoutCreateRight_isRefused_fileUntouched() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("charts"));
    Path file = sub.resolve("values.yaml");
    Files.writeString(file, "a: 1\n");
    lock(sub);
    try {
      assertThatThrownBy(() -> AtomicFiles.write(file, "a: 2\n"))
          .isInstanceOf(FileNotWritableException.class)
          .hasMessageStartingWith("Cannot write " + file + ": the directory " + sub)
          .hasMessageContaining("does not allow creating the new version next to it")
          .hasMessageEndingWith("; nothing was changed");
      assertThat(Files.readString(file)).isEqualTo("a: 1\n");
      try (var files = Files.list(sub)) {
        assertThat(files).containsExactly(file);
      }
    } finally {
      unlock(sub);
    }
  }

  @Test
  void missingDirectory_isRefusedWithItsName() {
    Path file = dir.resolve("no-such-dir/values.yaml");
    assertThatThrownBy(() -> AtomicFiles.write(file, "a: 1\n"))
        .isInstanceOf(FileNotWritableException.class)
        .hasMessage(
            "Cannot write " + file + ": the directory " + file.getParent() + " does not exist");
  }

  @Test
  void failureAfterTheTempFileExists_leavesNoTempFile() throws Exception {
    Path target = Files.createDirectory(dir.resolve("values.yaml"));
    Files.writeString(target.resolve("inside"), "x");

    assertThatThrownBy(() -> AtomicFiles.write(target, "a: 1\n")).isInstanceOf(IOException.class);
    assertThat(listing()).containsExactly(target);
  }

  @Test
  void rootEditingAnotherUsersFile_keepsOwnerAndGroup() throws Exception {
    if (!isRoot()) {
      RealTools.missing(
          "only root can give a file to another user; run the tests as root (CI does)");
    }
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, "a: 1\n");
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(file, users.lookupPrincipalByName("nobody"));
    var view =
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class);
    view.setGroup(users.lookupPrincipalByGroupName("nogroup"));

    AtomicFiles.write(file, "a: 2\n");

    assertThat(Files.getOwner(file).getName()).isEqualTo("nobody");
    assertThat(view.readAttributes().group().getName()).isEqualTo("nogroup");
    assertThat(Files.readString(file)).isEqualTo("a: 2\n");
  }

  @Test
  void symlink_staysALink_andItsTargetIsWritten() throws Exception {
    Path real = Files.writeString(dir.resolve("real.yaml"), "a: 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("values.yaml"), real.getFileName());

    AtomicFiles.write(link, "a: 2\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("a: 2\n");
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

  /**
   * Root ignores a directory's permission bits, so for root the directory is made immutable ({@code
   * chattr +i}), which stops root too.
   */
  private void lock(Path sub) throws Exception {
    if (!isRoot()) {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
      return;
    }
    if (run("chattr", "+i", sub.toString()) != 0) {
      RealTools.missing("chattr +i does not work here, and root ignores directory permissions");
    }
  }

  private void unlock(Path sub) throws Exception {
    if (isRoot()) {
      run("chattr", "-i", sub.toString());
    } else {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static int run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return -1; // not installed
    }
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  private boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid"))
        && "root".equals(System.getProperty("user.name"));
  }

  private static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private List<Path> listing() throws IOException {
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }
}
