package dev.katafraktos.rewrite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that readers see either the old or the new content, never half of it: a
 * temporary file in the same directory (a rename is only atomic within one file system), fsync,
 * then a rename over the original, with the original's permissions, owner and group, then fsync of
 * the directory. A file that does not exist yet is created {@code rw-r--r--}. A process killed
 * before the rename leaves its {@code .NAME.<number>.tmp} behind; {@link LockedReplace} removes
 * such leftovers the next time it writes the file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Refuses a read-only file before anything is written, so that a change of several files is not
   * left half done by the second one.
   */
  public static void checkWritable(Path file) throws IOException {
    Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
    if (Files.exists(target)) {
      refuseReadOnly(file, target, posix(target));
    }
  }

  /**
   * @throws FileNotWritableException the file is read-only, or its directory does not allow
   *     creating the temporary file, or the owner cannot be kept; nothing was changed
   * @throws IOException writing failed; the file is unchanged and no temporary file is left
   */
  public static void write(Path file, String text) throws IOException {
    // write through a symlink, so the link stays a link
    Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
    PosixFileAttributes original = null;
    if (Files.exists(target)) {
      original = posix(target);
      refuseReadOnly(file, target, original);
    }
    Path temp = createTemp(file, target);
    try {
      keepAttributes(file, original, temp); // before any content: no moment with other permissions
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        // the data must be on disk before the rename can be: otherwise a crash after the rename
        // can leave an empty or partial file under the old name (the ext4 zero-length-file
        // problem; auto_da_alloc is a heuristic, not a promise, and other file systems lack it)
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io && !(e instanceof FileNotWritableException)) {
        throw new FileNotWritableException(
            file, "Cannot write " + file + ": " + reason(io) + "; nothing was changed", io);
      }
      throw e;
    }
    syncDirectory(target.getParent());
  }

  /**
   * Makes the rename itself durable. POSIX leaves it open whether fsync of a file also writes the
   * directory entry that names it (fsync(2): "an explicit fsync() on a file descriptor for the
   * directory is also needed"); on ext4 a rename is only on disk after the next journal commit, so
   * a power loss can bring back the old file after the run said "changed". Best effort: the file is
   * already replaced, and some systems (Windows) cannot open a directory.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // the new content is visible either way; only its durability across a power loss is less
    }
  }

  /** "no space left on device" from "No space left on device", or the exception's own words. */
  private static String reason(IOException e) {
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return e.getClass().getSimpleName();
    }
    boolean sentenceCase =
        reason.length() > 1
            && Character.isUpperCase(reason.charAt(0))
            && Character.isLowerCase(reason.charAt(1));
    return sentenceCase ? Character.toLowerCase(reason.charAt(0)) + reason.substring(1) : reason;
  }

  /**
   * Read-only as vim decides it (fileio.c, check_file_readonly): no write bit at all, or no write
   * access. The bits matter for root, whom access checks always let write: a file someone made
   * {@code r--r--r--} is meant to stay as it is.
   */
  private static void refuseReadOnly(Path file, Path target, PosixFileAttributes posix)
      throws IOException {
    boolean noWriteBit =
        posix != null
            && !posix.permissions().contains(PosixFilePermission.OWNER_WRITE)
            && !posix.permissions().contains(PosixFilePermission.GROUP_WRITE)
            && !posix.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    if (noWriteBit || !Files.isWritable(target)) {
      throw new FileNotWritableException(file, file + " is read-only; nothing was changed", null);
    }
  }

  private static Path createTemp(Path file, Path target) throws IOException {
    Path dir = target.getParent();
    try {
      return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    } catch (NoSuchFileException e) {
      throw new FileNotWritableException(
          file, "Cannot write " + file + ": the directory " + dir + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw notWritableDir(file, dir, "permission denied", e);
    } catch (FileSystemException e) {
      throw notWritableDir(file, dir, e.getReason() == null ? e.toString() : e.getReason(), e);
    }
  }

  private static FileNotWritableException notWritableDir(
      Path file, Path dir, String reason, IOException cause) {
    return new FileNotWritableException(
        file,
        "Cannot write "
            + file
            + ": the directory "
            + dir
            + " does not allow creating the new version next to it ("
            + reason
            + "); nothing was changed",
        cause);
  }

  private static PosixFileAttributes posix(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return view == null ? null : view.readAttributes();
  }

  private static void keepAttributes(Path file, PosixFileAttributes original, Path temp)
      throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    if (original == null) { // createTempFile makes rw-------; a new values file is rw-r--r--
      view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    PosixFileAttributes mine = view.readAttributes();
    try {
      // a rename makes the file ours; root editing a user's file must not take it over
      if (!mine.owner().equals(original.owner())) {
        view.setOwner(original.owner());
      }
      if (!mine.group().equals(original.group())) {
        view.setGroup(original.group());
      }
    } catch (IOException e) {
      throw new FileNotWritableException(
          file,
          "Cannot write "
              + file
              + " without making it yours (it belongs to "
              + original.owner().getName()
              + ":"
              + original.group().getName()
              + "); nothing was changed — run as its owner",
          e);
    }
    Set<PosixFilePermission> permissions = original.permissions();
    view.setPermissions(permissions); // after chown, which may clear set-id bits
  }
}
