package dev.katafraktos.releases;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * The root of a repository whose content is not trusted (a pull request can add any file, symbolic
 * links included), and the guard every path discovery hands out passes: a chart, values file or
 * packaged chart is used only if its real path (every link resolved, also the directories on the
 * way) is inside the root's real path. A link that stays inside is fine, as helm and git users
 * expect; the text check for {@code ../} that {@link Scan#resolve} makes cannot see links, so this
 * is the guard. In a tree read from git objects for a commit ({@link #gitTree}), no link is
 * followed at all: git stores a link as a blob, and a rewrite committed to git edits blobs.
 *
 * <p>Paths the user names on the command line are the user's choice and never pass through here.
 */
public final class RepoRoot {
  /** More entries than any chart holds; a link loop that escapes loop detection stops here. */
  static final int MAX_CHART_ENTRIES = 20_000;

  private final Path root;
  private final Path realRoot;
  private final boolean followsLinks;

  private RepoRoot(Path root, boolean followsLinks) {
    this.root = root.toAbsolutePath().normalize();
    try {
      this.realRoot = this.root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot resolve the repository directory " + root + ": " + e, e);
    }
    this.followsLinks = followsLinks;
  }

  /**
   * A working tree: links are followed while they stay inside.
   *
   * @throws IllegalArgumentException {@code dir} does not exist
   */
  public static RepoRoot of(Path dir) {
    return new RepoRoot(dir, true);
  }

  /**
   * A tree written from git objects (a snapshot of a commit): a path with a symbolic link anywhere
   * below the root is refused, whether or not the link stays inside.
   *
   * @throws IllegalArgumentException {@code dir} does not exist
   */
  public static RepoRoot gitTree(Path dir) {
    return new RepoRoot(dir, false);
  }

  /**
   * The repository {@code file} (a {@code katafraktos.yaml}) belongs to: the nearest directory
   * above it holding {@code .git} (a checkout, or a linked worktree's {@code .git} file), else the
   * file's own directory.
   */
  public static RepoRoot enclosing(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return of(d);
      }
    }
    return of(dir);
  }

  /** The root as given, absolute and normalized. */
  public Path dir() {
    return root;
  }

  /** Whether a link that stays inside is followed ({@code false} for a tree from git objects). */
  public boolean followsLinks() {
    return followsLinks;
  }

  /**
   * {@code path} (absolute and normalized) when neither it nor a directory on the way is a link
   * that leads outside. A path that does not exist passes as far as it exists: the caller reports
   * it missing. A dangling link passes when its target would be inside.
   *
   * @param what how the message names the path, e.g. {@code values file}
   */
  public Path check(Path path, String what) throws OutsideRepositoryException {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new OutsideRepositoryException(p, what + " " + p + " is outside the repository");
    }
    Path real = realRoot;
    Path lexical = root;
    for (Path name : root.relativize(p)) {
      lexical = lexical.resolve(name);
      Path next = real.resolve(name);
      if (Files.isSymbolicLink(next)) {
        real = followLink(next, p, lexical, what);
        if (real == null) {
          return p; // dangling, or a loop: whatever comes after it does not exist
        }
      } else if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
        real = next;
      } else {
        return p;
      }
    }
    return p;
  }

  /**
   * The real path of {@code file} after {@link #check}: where a write must go, resolved once so
   * that the file written is the file checked.
   *
   * @throws IOException the file does not exist or cannot be resolved
   */
  public Path realPath(Path file, String what) throws OutsideRepositoryException, IOException {
    Path real = check(file, what).toRealPath();
    if (!real.startsWith(realRoot)) { // a link swapped since check: refuse rather than follow
      throw new OutsideRepositoryException(
          file, subject(what, file) + " leads to " + real + ", outside the repository");
    }
    return real;
  }

  /**
   * Checks a chart directory and everything in it: helm follows links when it loads a chart, so a
   * template or a {@code values.yaml} linked to a file outside would be read (and a {@code
   * values.yaml} rewritten) as if it were the repository's.
   */
  public void checkChart(Path dir, String what) throws OutsideRepositoryException {
    Path chart = check(dir, what);
    if (!Files.isDirectory(chart)) {
      return;
    }
    OutsideRepositoryException[] found = {null};
    int[] entries = {0};
    try {
      Files.walkFileTree(
          chart,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return visit(d);
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              return visit(f);
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              // a loop of links, or an unreadable entry: helm reports it when it loads the chart
              return e instanceof FileSystemLoopException
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            private FileVisitResult visit(Path entry) {
              if (++entries[0] > MAX_CHART_ENTRIES) {
                found[0] =
                    new OutsideRepositoryException(
                        entry,
                        subject(what, chart)
                            + " holds more than "
                            + MAX_CHART_ENTRIES
                            + " files and directories, counting where its links lead");
                return FileVisitResult.TERMINATE;
              }
              if (Files.isSymbolicLink(entry)) {
                try {
                  inside(entry, chart, what);
                } catch (OutsideRepositoryException e) {
                  found[0] = e;
                  return FileVisitResult.TERMINATE;
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return; // the chart cannot be listed: helm says so when it loads it
    }
    if (found[0] != null) {
      throw found[0];
    }
  }

  /** A link met inside a chart: where it leads must be inside. */
  private void inside(Path link, Path chart, String what) throws OutsideRepositoryException {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      target = rawTarget(link);
      if (target == null) {
        return;
      }
    }
    if (!target.startsWith(realRoot)) {
      throw new OutsideRepositoryException(
          link,
          subject(what, chart)
              + " holds "
              + rel(link)
              + ", a symbolic link to "
              + target
              + ", outside the repository");
    }
  }

  /**
   * Where the link {@code next} (a real directory plus one name) leads, or {@code null} when it
   * leads nowhere that exists but would be inside.
   */
  private Path followLink(Path next, Path path, Path lexical, String what)
      throws OutsideRepositoryException {
    String where = lexical.equals(path) ? " is" : " is under " + rel(lexical) + ",";
    if (!followsLinks) {
      throw new OutsideRepositoryException(
          path,
          subject(what, path)
              + where
              + " a symbolic link in git; a rewrite committed to git does not follow links");
    }
    Path target;
    try {
      target = next.toRealPath();
    } catch (IOException e) {
      target = rawTarget(next);
      if (target == null || target.startsWith(realRoot)) {
        return null;
      }
    }
    if (!target.startsWith(realRoot)) {
      throw new OutsideRepositoryException(
          path,
          subject(what, path)
              + where
              + " a symbolic link to "
              + target
              + ", outside the repository");
    }
    return target;
  }

  /** A link's target as text, resolved against its directory; {@code null} if unreadable. */
  private static Path rawTarget(Path link) {
    try {
      // the directory's real path: ".." in the target counts from where the link really is
      Path parent = link.toAbsolutePath().getParent().toRealPath();
      return parent.resolve(Files.readSymbolicLink(link)).normalize();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private String subject(String what, Path path) {
    return what + " " + rel(path);
  }

  /** {@code path} relative to the root with {@code /} separators, for messages. */
  String rel(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path r = p.startsWith(root) ? root.relativize(p) : p;
    String s = r.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  @Override
  public String toString() {
    return "RepoRoot[" + root + (followsLinks ? "" : ", no links") + "]";
  }
}
