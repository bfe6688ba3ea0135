package dev.katafraktos.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Maps file system paths inside a working tree to repository-relative paths ({@code a/b.yaml},
 * always with '/').
 */
final class WorkTreePaths {
  private final Path dir;
  private final Path realDir;

  WorkTreePaths(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.realDir = canonical(this.dir);
  }

  Path dir() {
    return dir;
  }

  /**
   * The path of {@code file} relative to the working tree. Compared lexically first and then with
   * symbolic links resolved, so that {@code /tmp/x} and {@code /private/tmp/x} (macOS) both work.
   */
  String relative(Path file) throws GitOpsException {
    Path absolute = file.toAbsolutePath().normalize();
    Path relative = null;
    if (absolute.startsWith(dir)) {
      relative = dir.relativize(absolute);
    } else {
      Path real = canonical(absolute);
      if (real.startsWith(realDir)) {
        relative = realDir.relativize(real);
      }
    }
    if (relative == null) {
      throw new GitOpsException(file + " is outside the working tree " + dir);
    }
    StringJoiner joined = new StringJoiner("/");
    relative.forEach(name -> joined.add(name.toString()));
    String path = joined.toString();
    if (path.equals(".git") || path.startsWith(".git/")) {
      throw new GitOpsException(file + " is inside the .git directory, not the working tree");
    }
    return path;
  }

  /** The real path of the nearest existing ancestor, with the rest appended unchanged. */
  private static Path canonical(Path absolute) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      return absolute;
    }
  }
}
