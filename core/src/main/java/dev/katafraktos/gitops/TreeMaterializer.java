package dev.katafraktos.gitops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Writes the tree of a commit into a directory from the object database, as {@code git archive}
 * would: file content is the blob as stored (no smudge filter, no end-of-line conversion), {@code
 * 100755} files are executable, symbolic links are links, submodules are empty directories. The
 * repository's working tree, index and HEAD are only read from, never written.
 */
final class TreeMaterializer {
  private record Link(Path file, String target) {}

  private TreeMaterializer() {}

  /** A new temporary directory with the files below {@code directory} of {@code commit}. */
  static Path toTemporaryDirectory(
      Repository repo, ObjectId commit, String directory, String commitName)
      throws GitOpsException {
    Path dir;
    try {
      dir = Files.createTempDirectory("katafraktos-snapshot-");
    } catch (IOException e) {
      throw new GitOpsException("cannot create a temporary directory: " + e.getMessage(), e);
    }
    write(repo, commit, directory, dir, false, commitName);
    return dir;
  }

  /** {@code target}, created if missing, else it must be empty, with the files of the commit. */
  static Path toEmptyDirectory(Repository repo, ObjectId commit, Path target, String commitName)
      throws GitOpsException {
    Path dir = target.toAbsolutePath().normalize();
    boolean existed = Files.isDirectory(dir);
    try {
      if (existed) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new GitOpsException(dir + " is not empty; give an empty or new directory");
          }
        }
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new GitOpsException("cannot use " + dir + " for a snapshot: " + e.getMessage(), e);
    }
    write(repo, commit, "", dir, existed, commitName);
    return dir;
  }

  /**
   * Writes the files of {@code commit} below {@code directory} (a repository-relative directory, or
   * empty for all) into {@code target}, each at its repository-relative path. On failure whatever
   * was written is deleted again, and {@code target} too unless {@code keepTarget}.
   *
   * @param commitName how messages name the commit, e.g. {@code commit 1a2b3c4 ('HEAD~1')}
   */
  private static void write(
      Repository repo,
      ObjectId commit,
      String directory,
      Path target,
      boolean keepTarget,
      String commitName)
      throws GitOpsException {
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk commits = new RevWalk(reader)) {
      RevTree tree = commits.parseCommit(commit).getTree();
      write(reader, tree, directory, target, commitName);
    } catch (IOException | GitOpsException e) {
      try {
        Snapshot.delete(target, keepTarget);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof GitOpsException gitOps) {
        throw gitOps;
      }
      throw new GitOpsException(
          "cannot write the files of " + commitName + " to " + target + ": " + e.getMessage(), e);
    }
  }

  private static void write(
      ObjectReader reader, RevTree tree, String directory, Path target, String commitName)
      throws IOException, GitOpsException {
    Path root = target.toAbsolutePath().normalize();
    // links last: a tree must not make us write a file through a link it created before
    List<Link> links = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      if (!directory.isEmpty()) {
        requireDirectory(reader, tree, directory, commitName);
        walk.setFilter(PathFilter.create(directory));
      }
      while (walk.next()) {
        String path = walk.getPathString();
        Path file = inside(root, path, commitName);
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        if (mode == FileMode.SYMLINK) {
          byte[] linkTarget = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes();
          links.add(new Link(file, new String(linkTarget, StandardCharsets.UTF_8)));
          continue;
        }
        try (OutputStream out =
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
          makeExecutable(file);
        }
      }
    }
    for (Link link : links) {
      createLink(link);
    }
  }

  private static void requireDirectory(
      ObjectReader reader, RevTree tree, String directory, String commitName)
      throws IOException, GitOpsException {
    try (TreeWalk entry = TreeWalk.forPath(reader, directory, tree)) {
      if (entry == null) {
        throw new GitOpsException(
            "there is no directory '" + directory + "' in " + commitName + "; check the path");
      }
      if (entry.getFileMode(0) != FileMode.TREE) {
        throw new GitOpsException(
            "'" + directory + "' is not a directory in " + commitName + "; give a directory");
      }
    }
  }

  private static Path inside(Path root, String path, String commitName) throws GitOpsException {
    RepoPaths.check(path, commitName + " contains the path");
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new GitOpsException(
          commitName + " contains the path '" + path + "', which leaves the snapshot directory");
    }
    return file;
  }

  private static void createLink(Link link) throws IOException {
    try {
      Files.createSymbolicLink(link.file(), Path.of(link.target()));
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(link.file(), LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      // what git does with core.symlinks=false (Windows without the privilege): the target as text
      Files.writeString(link.file(), link.target(), StandardOpenOption.CREATE_NEW);
    }
  }

  /** Execute where read is allowed, as git does with {@code 0777 & ~umask}. */
  private static void makeExecutable(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      file.toFile().setExecutable(true);
      return;
    }
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    permissions.addAll(view.readAttributes().permissions());
    if (permissions.contains(PosixFilePermission.OWNER_READ)) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)) {
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
    }
    if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    view.setPermissions(permissions);
  }
}
