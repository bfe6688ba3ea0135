package dev.katafraktos.rewrite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces files only if they still hold the text the edits were planned from, so that two rewrites
 * of one file at the same time (two CI jobs, a user and a pre-commit hook) cannot lose either's
 * edit.
 *
 * <p>The guard is optimistic: a rewrite renders a chart several times, and holding a lock from
 * reading to writing would make every other rewrite of the file wait through all of it. Instead, at
 * write time each file is locked, re-read through the locked channel and compared with the text the
 * plan started from; if any file changed, nothing is written and {@link FileChangedException} tells
 * the caller to plan again from the new text. The lock is an exclusive {@code fcntl} lock on the
 * file itself, not a lock file next to it: users' repositories must not collect stray {@code .lock}
 * files after a killed run, and a lock on the file dies with its process. Because the rename puts a
 * new file (a new inode) at the path, a writer that was waiting holds a lock on the old file when
 * it wakes: it checks that the path still names the file it locked, and locks the new one if not.
 *
 * <p>{@code fcntl} locks belong to the process, and closing any descriptor of the file releases
 * them (POSIX, fcntl(2) "Advisory record locking"; {@link java.nio.channels.FileLock} warns about
 * it): the file is read only through the locking channel, nothing else opens it while the lock is
 * held, and one JVM-wide lock keeps two threads of this process from locking the same file (which
 * the JDK refuses with an {@code OverlappingFileLockException}).
 *
 * <p>A file that does not exist yet (a new {@code --output}) has nothing to lock; only the JVM-wide
 * lock guards it.
 */
public final class LockedReplace {
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private LockedReplace() {}

  /** A file to replace: the text the edits were planned from, and the new text. */
  public record Change(Path file, String planned, String text) {
    public Change {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(planned, "planned");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Writes every change with {@link AtomicFiles#write}, in order, while holding a lock on each file
   * and only if each still holds its planned text.
   *
   * @throws FileChangedException a file no longer holds its planned text; nothing was written
   * @throws IOException as {@link AtomicFiles#write}; the files before the failing one are written
   */
  public static void write(List<Change> changes) throws IOException {
    IN_THIS_JVM.lock();
    List<FileChannel> held = new ArrayList<>();
    try {
      Map<Path, Change> byTarget = new LinkedHashMap<>();
      for (Change change : changes) {
        byTarget.put(target(change.file()), change);
      }
      // one order for every process, so that two rewrites of the same two files cannot deadlock
      List<Path> order = byTarget.keySet().stream().sorted(Comparator.naturalOrder()).toList();
      for (Path target : order) {
        Change change = byTarget.get(target);
        FileChannel channel = lock(target);
        if (channel != null) {
          held.add(channel);
        }
        if (!holds(channel, change.planned())) {
          throw new FileChangedException(change.file());
        }
        if (channel != null) {
          removeStaleTemps(target);
        }
      }
      List<Path> written = new ArrayList<>();
      for (Change change : changes) {
        try {
          AtomicFiles.write(change.file(), change.text());
        } catch (FileNotWritableException e) {
          if (written.isEmpty()) {
            throw e;
          }
          // checkWritable refuses read-only files up front; a full disk can still stop us here
          throw new FileNotWritableException(
              change.file(),
              e.getMessage().replace("; nothing was changed", "")
                  + "; it was left as it was, but "
                  + written
                  + " already hold their new text",
              e);
        }
        written.add(change.file());
      }
    } finally {
      for (FileChannel channel : held) {
        try {
          channel.close(); // releases the lock on the file the path named before the rename
        } catch (IOException e) {
          // the lock goes with the descriptor either way
        }
      }
      IN_THIS_JVM.unlock();
    }
  }

  /** Where {@link AtomicFiles#write} writes: through a symlink to the file it names. */
  private static Path target(Path file) throws IOException {
    try {
      return file.toRealPath();
    } catch (NoSuchFileException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  /**
   * An exclusive lock on the file the path names when the lock is granted; null if there is none.
   * The JDK does not tell which file (device, inode) a channel has open, so the path is looked at
   * before and after opening: the same key both times means the channel has that file (barring an
   * inode number freed and reused within those microseconds, while another writer holds the lock
   * long enough to write and rename a whole file).
   */
  private static FileChannel lock(Path target) throws IOException {
    while (true) {
      FileChannel channel;
      Object before;
      try {
        before = key(target);
        // exclusive fcntl locks need a descriptor open for writing; nothing is written through it
        channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        return null;
      }
      boolean keep = false;
      try {
        Object opened = key(target);
        channel.lock();
        Object locked = key(target);
        keep = before == null || (before.equals(opened) && opened.equals(locked));
        if (keep) {
          return channel;
        }
      } catch (NoSuchFileException e) {
        // replaced and then removed while we waited: look again
      } finally {
        if (!keep) {
          channel.close();
        }
      }
    }
  }

  private static Object key(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  /**
   * Whether the locked file holds exactly {@code planned}, compared as UTF-8 bytes: a file of
   * another size is not read at all (it may have grown to any size since), and bytes that are not
   * UTF-8 cannot equal the encoding of a string. No file ({@code null}) holds the empty text.
   */
  private static boolean holds(FileChannel channel, String planned) throws IOException {
    byte[] expected = planned.getBytes(StandardCharsets.UTF_8);
    if (channel == null) {
      return expected.length == 0;
    }
    if (channel.size() != expected.length) {
      return false;
    }
    ByteBuffer bytes = ByteBuffer.allocate(expected.length);
    while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
      // read(dst, position) does not move the channel, so position() is how far we got
    }
    return bytes.flip().equals(ByteBuffer.wrap(expected));
  }

  private static final String TEMP_NUMBER = "\\.[0-9]+\\.tmp";

  /**
   * Removes the temporary files of writers that were killed between creating and renaming theirs
   * (SIGKILL, power loss: nothing can clean up). {@link AtomicFiles} creates a temporary file only
   * while holding this lock, so with the lock held every {@code .NAME.<number>.tmp} next to the
   * file is one no running writer will rename. Without this, a repository would keep them, and a
   * careless {@code git add -A} would commit a copy of the values file.
   */
  private static void removeStaleTemps(Path target) {
    Path dir = target.getParent();
    Pattern ours = Pattern.compile(Pattern.quote("." + target.getFileName()) + TEMP_NUMBER);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path candidate : files.toList()) {
        if (ours.matcher(candidate.getFileName().toString()).matches()
            && Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(candidate);
        }
      }
    } catch (IOException e) {
      // housekeeping: a leftover we cannot remove does no harm to the write
    }
  }
}
