package dev.katafraktos.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything an operation that promises not to touch the working tree, the index or HEAD could have
 * touched: every working tree file (content, permissions, modification time, link target), the raw
 * bytes of the index and HEAD files, and what git says about them. The refs are kept apart, since
 * committing to a branch moves exactly one of them.
 */
public record RepoState(
    Map<String, String> workTree,
    String indexFile,
    String headFile,
    String status,
    String diffCached,
    String diff,
    String revParseHead,
    String symbolicRef,
    Map<String, String> refs) {

  public static RepoState capture(GitFixture git, Path workTree) throws IOException {
    Path index = workTree.resolve(git.git(workTree, "rev-parse", "--git-path", "index").strip());
    Path head = workTree.resolve(git.git(workTree, "rev-parse", "--git-path", "HEAD").strip());
    // read the raw files before git runs: even with GIT_OPTIONAL_LOCKS=0, git diff rewrites the
    // index to refresh its stat data; so git inspects a copy of the index
    Map<String, String> files = files(workTree);
    String indexHash = Files.exists(index) ? sha256(Files.readAllBytes(index)) : "no index";
    String headContent = Files.readString(head);
    Path indexCopy = Files.createTempFile("index-copy-", "");
    Map<String, String> env = Map.of("GIT_INDEX_FILE", indexCopy.toString());
    try {
      if (Files.exists(index)) {
        // keep the index's time: git re-reads a file changed in the index's own second only when
        // the file is not older than the index ("racy git"); a fresh copy would hide such a change
        Files.copy(
            index,
            indexCopy,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      } else {
        Files.delete(indexCopy);
      }
      return new RepoState(
          files,
          indexHash,
          headContent,
          inspect(git, env, workTree, "status", "--porcelain=v1", "-z", "--untracked-files=all"),
          inspect(git, env, workTree, "diff", "--cached", "--binary"),
          inspect(git, env, workTree, "diff", "--binary"),
          inspect(git, env, workTree, "rev-parse", "--verify", "-q", "HEAD"),
          inspect(git, env, workTree, "symbolic-ref", "HEAD"),
          refs(git, workTree));
    } finally {
      Files.deleteIfExists(indexCopy);
    }
  }

  private static String inspect(
      GitFixture git, Map<String, String> env, Path workTree, String... args) {
    GitFixture.Result result = git.run(env, workTree, args);
    return "exit " + result.exit() + ": " + result.stdout();
  }

  private static Map<String, String> refs(GitFixture git, Path workTree) {
    Map<String, String> refs = new TreeMap<>();
    for (String line :
        git.git(workTree, "for-each-ref", "--format=%(refname) %(objectname)").split("\n")) {
      if (!line.isEmpty()) {
        refs.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
      }
    }
    return refs;
  }

  /** Fails naming the first part that differs from {@code before}, refs included. */
  void assertUnchanged(RepoState before) {
    assertUnchangedExceptRefs(before);
    assertThat(refs).as("refs").isEqualTo(before.refs);
  }

  /** Fails naming the first part that differs from {@code before}; refs are not compared. */
  void assertUnchangedExceptRefs(RepoState before) {
    assertThat(workTree).as("working tree files").isEqualTo(before.workTree);
    assertThat(indexFile).as("sha256 of the index file").isEqualTo(before.indexFile);
    assertThat(headFile).as("HEAD file").isEqualTo(before.headFile);
    assertThat(status).as("git status").isEqualTo(before.status);
    assertThat(diffCached).as("git diff --cached").isEqualTo(before.diffCached);
    assertThat(diff).as("git diff").isEqualTo(before.diff);
    assertThat(revParseHead).as("git rev-parse HEAD").isEqualTo(before.revParseHead);
    assertThat(symbolicRef).as("git symbolic-ref HEAD").isEqualTo(before.symbolicRef);
  }

  /** This state with the refs of {@code other}: for operations that may move a ref. */
  RepoState withRefsOf(RepoState other) {
    return new RepoState(
        workTree,
        indexFile,
        headFile,
        status,
        diffCached,
        diff,
        revParseHead,
        symbolicRef,
        other.refs);
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        Path relative = root.relativize(path);
        if (relative.toString().isEmpty() || relative.getName(0).toString().equals(".git")) {
          continue;
        }
        PosixFileAttributes attributes =
            Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String kind;
        if (attributes.isSymbolicLink()) {
          kind = "link -> " + Files.readSymbolicLink(path);
        } else if (attributes.isDirectory()) {
          kind = "dir";
        } else {
          kind = "file " + sha256(Files.readAllBytes(path));
        }
        files.put(
            relative.toString(),
            kind
                + " "
                + PosixFilePermissions.toString(attributes.permissions())
                + " "
                + attributes.lastModifiedTime().toInstant()
                + " "
                + attributes.fileKey());
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
