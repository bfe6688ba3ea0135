package dev.katafraktos.gitops;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.util.SystemReader;

/** Checks repository-relative paths handed in by callers or read from trees. */
final class RepoPaths {
  private RepoPaths() {}

  /**
   * {@code path} if it is a file path git accepts in a tree: relative, '/'-separated, no empty,
   * {@code .} or {@code ..} segment, nothing named {@code .git} (git's own fsck rules).
   */
  static String check(String path, String what) throws GitOpsException {
    if (path == null || path.isEmpty()) {
      throw new GitOpsException(what + " is empty; give a path relative to the repository root");
    }
    if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
      throw new GitOpsException(
          what
              + " '"
              + path
              + "' is not relative to the repository root with '/' separators, e.g."
              + " envs/prod/values.yaml");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new GitOpsException(
            what + " '" + path + "' has an empty, '.' or '..' segment; write it without them");
      }
    }
    try {
      SystemReader.getInstance().checkPath(path);
    } catch (CorruptObjectException e) {
      throw new GitOpsException(what + " '" + path + "' is not allowed in git: " + e.getMessage());
    }
    return path;
  }
}
