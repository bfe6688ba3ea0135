package dev.katafraktos.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git repository on disk, read and written in-process with JGit; the git binary is never run.
 *
 * <p>Nothing here changes the working tree, the index or HEAD: snapshots are written elsewhere,
 * comparisons only read, and {@link #commitFiles} writes objects and one branch ref. Not thread
 * safe; open one per thread.
 */
public final class GitRepository implements AutoCloseable {
  private static final int MAX_LISTED_PATHS = 10;

  private final Repository repo;
  private final String name;
  private final WorkTreePaths workTree;
  private final Revisions revisions;

  private GitRepository(Repository repo) {
    this.repo = repo;
    this.workTree = repo.isBare() ? null : new WorkTreePaths(repo.getWorkTree().toPath());
    this.name = repo.isBare() ? repo.getDirectory().toString() : workTree.dir().toString();
    this.revisions = new Revisions(repo, name);
  }

  /**
   * The repository that contains {@code dir} (or {@code dir}'s directory when it is a file): the
   * nearest {@code .git} at or above it, a linked worktree's {@code .git} file, or a bare
   * repository. {@code GIT_DIR} and the other git environment variables are not consulted.
   *
   * @throws GitOpsException {@code dir} does not exist or is not inside a git repository
   */
  public static GitRepository open(Path dir) throws GitOpsException {
    Path start = dir.toAbsolutePath().normalize();
    if (!Files.exists(start)) {
      throw new GitOpsException(start + " does not exist");
    }
    if (!Files.isDirectory(start)) {
      start = start.getParent();
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    builder.findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      throw new GitOpsException(
          start
              + " is not in a git repository (nor is any of its parent directories);"
              + " pass a directory inside a clone");
    }
    try {
      return new GitRepository(builder.build());
    } catch (IOException | IllegalArgumentException e) {
      throw new GitOpsException(
          "cannot open the git repository " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
  }

  /** The working tree's root directory; empty for a bare repository. */
  public Optional<Path> workTree() {
    return Optional.ofNullable(workTree).map(WorkTreePaths::dir);
  }

  /** The branch HEAD points to, e.g. {@code main}; empty when HEAD is detached. */
  public Optional<String> currentBranch() throws GitOpsException {
    try {
      String full = repo.getFullBranch();
      return full != null && full.startsWith(Constants.R_HEADS)
          ? Optional.of(full.substring(Constants.R_HEADS.length()))
          : Optional.empty();
    } catch (IOException e) {
      throw failure("read HEAD", e);
    }
  }

  /**
   * The commit a git ref names, 40 hex digits: a branch, tag (annotated or not), remote-tracking
   * branch ({@code origin/main}), full or abbreviated commit id, or an expression such as {@code
   * HEAD~1} or {@code main^}.
   *
   * @throws GitOpsException no such commit: {@code unknown git ref 'X' in <repo>: not a branch, tag
   *     or commit}
   */
  public String resolve(String ref) throws GitOpsException {
    return revisions.commit(ref).name();
  }

  /**
   * The repository-relative path ({@code charts/app/values.yaml}) of a file in the working tree.
   *
   * @throws GitOpsException the file is outside the working tree, or the repository is bare
   */
  public String repoPath(Path file) throws GitOpsException {
    return requireWorkTree("a working tree path").relative(file);
  }

  /**
   * The files of {@code ref}'s commit in a new temporary directory, which {@link Snapshot#close()}
   * deletes. See {@link #checkoutTree} for what is written.
   */
  public Snapshot snapshot(String ref) throws GitOpsException {
    return snapshot(ref, "");
  }

  /**
   * The files below {@code directory} (repository-relative, e.g. {@code charts/app}) of {@code
   * ref}'s commit in a new temporary directory, at their repository-relative paths so that {@link
   * Snapshot#resolve} and {@link Snapshot#map} work as for a whole snapshot; the rest of the tree
   * is not written. {@link Snapshot#close()} deletes the directory.
   *
   * @throws GitOpsException the ref names no commit, or {@code directory} is no directory in it
   */
  public Snapshot snapshot(String ref, String directory) throws GitOpsException {
    String below = directory.isEmpty() ? "" : RepoPaths.check(directory, "the directory");
    ObjectId commit = revisions.commit(ref);
    Path dir = TreeMaterializer.toTemporaryDirectory(repo, commit, below, commitName(ref, commit));
    return new Snapshot(ref, commit.name(), dir, workTree, true);
  }

  /**
   * Writes the files of {@code ref}'s commit into {@code targetDir} (created if missing, else it
   * must be empty) from the object database, as {@code git archive} would: blob content as
   * committed (no end-of-line conversion, no smudge filter such as Git LFS), {@code 100755} files
   * executable, symbolic links as links, submodules as empty directories.
   *
   * @return {@code targetDir}
   * @throws GitOpsException the ref names no commit, or the directory is not empty or cannot be
   *     written; then nothing is left in it
   */
  public Path checkoutTree(String ref, Path targetDir) throws GitOpsException {
    ObjectId commit = revisions.commit(ref);
    return TreeMaterializer.toEmptyDirectory(repo, commit, targetDir, commitName(ref, commit));
  }

  /**
   * Repository-relative paths, sorted, whose content or mode in the working tree differs from
   * {@code ref}'s commit: committed changes since then, staged, unstaged and untracked (not
   * ignored) files, deletions included; a renamed file counts with both its paths. The same as
   * {@code git diff --no-renames --name-only <ref>} plus {@code git ls-files --others
   * --exclude-standard}.
   */
  public Set<String> changedSince(String ref) throws GitOpsException {
    requireWorkTree("changes in the working tree");
    ObjectId tree = revisions.tree(ref);
    try {
      return Collections.unmodifiableSortedSet(Changes.sinceWorkingTree(repo, tree));
    } catch (IOException e) {
      throw failure("compare the working tree with '" + ref + "'", e);
    }
  }

  /**
   * Repository-relative paths, sorted, that differ between two commits ({@code git diff
   * --no-renames --name-only <from> <to>}); a renamed file counts with both its paths.
   */
  public Set<String> changedBetween(String from, String to) throws GitOpsException {
    ObjectId fromTree = revisions.tree(from);
    ObjectId toTree = revisions.tree(to);
    try {
      return Collections.unmodifiableSortedSet(Changes.between(repo, fromTree, toTree));
    } catch (IOException e) {
      throw failure("compare '" + from + "' with '" + to + "'", e);
    }
  }

  /**
   * Repository-relative paths, sorted, that {@code git status} reports: staged, unstaged, untracked
   * (not ignored) and unmerged, compared with HEAD.
   */
  public Set<String> uncommittedChanges() throws GitOpsException {
    requireWorkTree("uncommitted changes");
    try {
      return Collections.unmodifiableSortedSet(Changes.uncommitted(repo));
    } catch (IOException e) {
      throw failure("read the status of the working tree", e);
    }
  }

  /** Whether {@link #uncommittedChanges()} is empty, as for an empty {@code git status}. */
  public boolean isClean() throws GitOpsException {
    return uncommittedChanges().isEmpty();
  }

  /**
   * Refuses when the working tree has uncommitted changes.
   *
   * @throws GitOpsException {@code <repo> has uncommitted changes: a, b and 3 more; commit or stash
   *     them first — nothing was changed}, listing at most 10 paths
   */
  public void requireClean() throws GitOpsException {
    Set<String> dirty = uncommittedChanges();
    if (!dirty.isEmpty()) {
      throw new GitOpsException(
          name
              + " has uncommitted changes: "
              + listed(dirty)
              + "; commit or stash them first — nothing was changed");
    }
  }

  /**
   * Refuses when any of {@code paths} (repository-relative files, or directories meaning every file
   * below them) has uncommitted changes, so that a commit of those paths cannot silently include or
   * drop work in progress.
   *
   * @throws GitOpsException {@code <path> has uncommitted changes; commit or stash them first —
   *     nothing was changed}, listing at most 10 paths
   */
  public void requireClean(Collection<String> paths) throws GitOpsException {
    Set<String> offending = Changes.below(uncommittedChanges(), paths);
    if (!offending.isEmpty()) {
      throw new GitOpsException(
          listed(offending)
              + (offending.size() == 1 ? " has" : " have")
              + " uncommitted changes; commit or stash them first — nothing was changed");
    }
  }

  /**
   * The author of commits made here: {@code user.name} and {@code user.email} from the git
   * configuration (repository, then global, then system), each falling back to {@link
   * GitAuthor#DEFAULT}.
   */
  public GitAuthor author() throws GitOpsException {
    try {
      return GitAuthor.fromConfig(repo.getConfig());
    } catch (IllegalArgumentException e) {
      throw new GitOpsException("the git configuration of " + name + " has " + e.getMessage());
    }
  }

  /**
   * {@link #commitFiles(String, String, Map, String, GitAuthor)} by {@link #author()}, on the
   * branch's tip, or on HEAD when the branch does not exist yet.
   */
  public CommitResult commitFiles(String branch, Map<String, byte[]> files, String message)
      throws GitOpsException {
    return commitFiles(branch, null, files, message, author());
  }

  /**
   * {@link #commitFiles(String, String, Map, String, GitAuthor)} on the branch's tip, or on HEAD
   * when the branch does not exist yet.
   */
  public CommitResult commitFiles(
      String branch, Map<String, byte[]> files, String message, GitAuthor author)
      throws GitOpsException {
    return commitFiles(branch, null, files, message, author);
  }

  /**
   * Commits {@code files} to {@code branch} without checking anything out: the new commit's tree is
   * its parent's with these files replaced (keeping their mode, e.g. executable) or added (mode
   * {@code 100644}). A branch that does not exist is created on {@code base}; an existing branch
   * moves forward from its tip, which must then be {@code base}'s commit. Only objects and {@code
   * refs/heads/<branch>} are written (with a compare-and-swap, so a concurrent change is not
   * overwritten); HEAD, the index and the working tree are not, and nothing is pushed.
   *
   * @param base the git ref the files were made from; {@code null} for the branch's tip, or HEAD
   *     when the branch does not exist yet
   * @param files repository-relative paths with '/' (e.g. {@code envs/prod/values.yaml}) and their
   *     complete new content
   * @param message the commit message; a final newline is added
   * @throws GitOpsException the branch is checked out in this or another working tree, exists but
   *     is not at {@code base}, a path is not a valid repository path or names a symbolic link, or
   *     the files are identical to the parent's; nothing was changed
   */
  public CommitResult commitFiles(
      String branch, String base, Map<String, byte[]> files, String message, GitAuthor author)
      throws GitOpsException {
    try {
      return new TreeCommitter(repo, name, workTree, revisions)
          .commit(branch, base, files, message, author);
    } catch (IOException e) {
      throw failure("commit to branch '" + branch + "'", e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  @Override
  public String toString() {
    return "GitRepository[" + name + "]";
  }

  private static String commitName(String ref, ObjectId commit) {
    return "commit " + commit.abbreviate(7).name() + " ('" + ref + "')";
  }

  private WorkTreePaths requireWorkTree(String what) throws GitOpsException {
    if (workTree == null) {
      throw new GitOpsException(name + " is a bare repository; it has no working tree for " + what);
    }
    return workTree;
  }

  private GitOpsException failure(String doing, IOException e) {
    return new GitOpsException("cannot " + doing + " in " + name + ": " + e.getMessage(), e);
  }

  /** At most {@value #MAX_LISTED_PATHS} of {@code paths}, then how many more. */
  private static String listed(Set<String> paths) {
    String listed = paths.stream().limit(MAX_LISTED_PATHS).collect(Collectors.joining(", "));
    return paths.size() > MAX_LISTED_PATHS
        ? listed + " and " + (paths.size() - MAX_LISTED_PATHS) + " more"
        : listed;
  }
}
