package dev.katafraktos.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one commit, written to a directory of their own; the repository's working tree,
 * index and HEAD are untouched. {@link #close()} deletes the directory when the snapshot made it
 * (from {@link GitRepository#snapshot}), and leaves a caller's directory (from {@link
 * GitRepository#checkoutTree}) alone.
 */
public final class Snapshot implements AutoCloseable {
  private final String ref;
  private final String commitId;
  private final Path root;
  private final WorkTreePaths workTree;
  private final boolean owned;

  Snapshot(String ref, String commitId, Path root, WorkTreePaths workTree, boolean owned) {
    this.ref = ref;
    this.commitId = commitId;
    this.root = root;
    this.workTree = workTree;
    this.owned = owned;
  }

  /** The git ref as the caller wrote it, e.g. {@code origin/main} or {@code HEAD~2}. */
  public String ref() {
    return ref;
  }

  /** The commit it resolved to, 40 hex digits. */
  public String commitId() {
    return commitId;
  }

  /** The directory holding the commit's files. */
  public Path root() {
    return root;
  }

  /** Where a repository-relative path such as {@code envs/prod/values.yaml} is in the snapshot. */
  public Path resolve(String repoPath) throws GitOpsException {
    return root.resolve(RepoPaths.check(repoPath, "the path"));
  }

  /**
   * The same file in the snapshot as {@code workTreePath} in the working tree: {@code
   * <worktree>/charts/app/values.yaml} becomes {@code <root>/charts/app/values.yaml}, whether or
   * not the file exists in either.
   *
   * @throws GitOpsException the path is outside the working tree, or the repository is bare
   */
  public Path map(Path workTreePath) throws GitOpsException {
    if (workTree == null) {
      throw new GitOpsException(
          "the repository is bare; it has no working tree to map " + workTreePath + " from");
    }
    String relative = workTree.relative(workTreePath);
    return relative.isEmpty() ? root : root.resolve(relative);
  }

  /**
   * Deletes the snapshot's own directory.
   *
   * @throws UncheckedIOException a file could not be deleted
   */
  @Override
  public void close() {
    if (!owned) {
      return;
    }
    try {
      delete(root, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the snapshot directory " + root, e);
    }
  }

  /** Deletes {@code dir}'s content, and {@code dir} unless {@code keepDir}; links, not targets. */
  static void delete(Path dir, boolean keepDir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : deepestFirst) {
        if (!(keepDir && path.equals(dir))) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Snapshot[" + ref + " = " + commitId + " at " + root + "]";
  }
}
