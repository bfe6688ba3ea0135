package dev.katafraktos.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snapshots against {@code git archive}, {@code git ls-tree} and {@code git show}. */
class SnapshotIT {
  @TempDir Path temp;
  private GitFixture git;
  private Path repo;

  @BeforeEach
  void createRepository() throws IOException {
    git = GitFixture.create(temp);
    repo = git.gitopsRepo(temp.resolve("repo"));
    // a messy working tree: a snapshot must not look at it, let alone change it
    GitFixture.write(repo, "envs/prod/values.yaml", "replicas: 99\n");
    GitFixture.write(repo, "charts/app/Chart.yaml", "apiVersion: v2\nname: staged\n");
    git.git(repo, "add", "charts/app/Chart.yaml");
    GitFixture.write(repo, "untracked.yaml", "new: true\n");
  }

  @AfterEach
  void restoreJGitConfig() {
    git.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HEAD", "HEAD~2", "main", "feature", "v1", "v2", "main^", "v2^{}"})
  void snapshot_equalsGitArchive_andLeavesTheRepositoryAlone(String revision) throws Exception {
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot(revision)) {
      assertThat(snapshot.commitId())
          .isEqualTo(git.git(repo, "rev-parse", revision + "^{commit}").strip());
      assertThat(tree(snapshot.root())).isEqualTo(tree(gitArchive(revision)));
      assertModesMatchLsTree(revision, snapshot.root());
    }

    RepoState.capture(git, repo).assertUnchanged(before);
  }

  @Test
  void snapshot_abbreviatedCommitId_resolvesToTheCommit() throws Exception {
    String full = git.git(repo, "rev-parse", "v1").strip();

    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot(full.substring(0, 7))) {
      assertThat(snapshot.commitId()).isEqualTo(full);
      assertThat(snapshot.ref()).isEqualTo(full.substring(0, 7));
      assertThat(tree(snapshot.root())).isEqualTo(tree(gitArchive("v1")));
    }
  }

  @Test
  void snapshot_fileContent_isWhatGitShowPrints() throws Exception {
    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot("v1")) {
      for (String path :
          List.of("envs/prod/values.yaml", "envs/dev/notes with space.txt", "data/blob.bin")) {
        assertThat(Files.readAllBytes(snapshot.resolve(path)))
            .as(path)
            .isEqualTo(git.gitBytes(repo, "show", "v1:" + path));
      }
      assertThat(Files.readSymbolicLink(snapshot.root().resolve("envs/current")))
          .isEqualTo(Path.of("prod"));
      assertThat(Files.readString(snapshot.root().resolve("envs/current/values.yaml")))
          .isEqualTo("replicas: 3\n");
      assertThat(Files.isExecutable(snapshot.root().resolve("scripts/render.sh"))).isTrue();
      assertThat(Files.isExecutable(snapshot.root().resolve("scripts/lint.sh"))).isFalse();
    }
  }

  @Test
  void map_workTreePath_isTheSameRelativePathInTheSnapshot() throws Exception {
    try (GitRepository repository = GitRepository.open(repo.resolve("envs"));
        Snapshot snapshot = repository.snapshot("HEAD~2")) {
      Path mapped = snapshot.map(repo.resolve("envs/prod/values.yaml"));

      assertThat(mapped).isEqualTo(snapshot.root().resolve("envs/prod/values.yaml"));
      assertThat(Files.readString(mapped)).isEqualTo("replicas: 5\n");
      assertThat(snapshot.map(repo)).isEqualTo(snapshot.root());
      assertThat(repository.repoPath(repo.resolve("charts/app/values.yaml")))
          .isEqualTo("charts/app/values.yaml");
      assertThatThrownBy(() -> snapshot.map(temp.resolve("elsewhere.yaml")))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(temp.resolve("elsewhere.yaml") + " is outside the working tree " + repo);
    }
  }

  @Test
  void close_deletesTheSnapshotButNotWhatItsLinksPointTo() throws Exception {
    Path root;
    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot("v1")) {
      root = snapshot.root();
      assertThat(root).isDirectory();
    }

    assertThat(root).doesNotExist();
    assertThat(repo.resolve("envs/prod/values.yaml")).exists();
  }

  @Test
  void checkoutTree_writesIntoTheGivenDirectory_andRefusesANonEmptyOne() throws Exception {
    Path target = temp.resolve("out/v2");
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.checkoutTree("v2", target)).isEqualTo(target);
      assertThat(tree(target)).isEqualTo(tree(gitArchive("v2")));

      assertThatThrownBy(() -> repository.checkoutTree("v1", target))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(target + " is not empty; give an empty or new directory");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", "v3", "HEAD~10", "0123456789abcdef", "feature..main", "v1:envs"})
  void snapshot_unknownRevision_saysSoInOneLine(String revision) throws Exception {
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.snapshot(revision))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              "unknown git ref '" + revision + "' in " + repo + ": not a branch, tag or commit");
    }

    RepoState.capture(git, repo).assertUnchanged(before);
    assertThat(git.run(repo, "rev-parse", "--verify", "-q", revision + "^{commit}").exit())
        .as("git agrees")
        .isNotZero();
  }

  @Test
  void snapshot_submoduleEntry_isAnEmptyDirectoryAsInGitArchive() throws Exception {
    String commit = git.git(repo, "rev-parse", "v1").strip();
    git.git(repo, "update-index", "--add", "--cacheinfo", "160000," + commit + ",vendor/sub");
    git.git(repo, "commit", "-q", "-m", "Add a submodule entry");

    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot("HEAD")) {
      assertThat(snapshot.root().resolve("vendor/sub")).isEmptyDirectory();
      assertThat(tree(snapshot.root())).isEqualTo(tree(gitArchive("HEAD")));
    }
  }

  @Test
  void snapshot_inALinkedWorktreeAndABareClone_readsTheSharedObjects() throws Exception {
    Path linked = temp.resolve("linked");
    git.git(repo, "worktree", "add", "-q", linked.toString(), "feature");
    Path bare = temp.resolve("bare.git");
    git.git(temp, "clone", "-q", "--bare", repo.toString(), bare.toString());

    try (GitRepository repository = GitRepository.open(linked);
        Snapshot snapshot = repository.snapshot("HEAD")) {
      assertThat(repository.currentBranch()).contains("feature");
      assertThat(snapshot.commitId()).isEqualTo(git.git(repo, "rev-parse", "feature").strip());
      assertThat(snapshot.map(linked.resolve("envs/staging/values.yaml"))).exists();
    }
    try (GitRepository repository = GitRepository.open(bare);
        Snapshot snapshot = repository.snapshot("v2")) {
      assertThat(repository.workTree()).isEmpty();
      assertThat(tree(snapshot.root())).isEqualTo(tree(gitArchive("v2")));
      assertThatThrownBy(() -> snapshot.map(repo.resolve("x")))
          .hasMessageContaining("the repository is bare");
    }
  }

  @Test
  void snapshot_subdirectory_writesOnlyItAtItsRepositoryPath() throws Exception {
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo);
        Snapshot snapshot = repository.snapshot("feature", "charts/app")) {
      assertThat(snapshot.commitId()).isEqualTo(git.git(repo, "rev-parse", "feature").strip());
      assertThat(tree(snapshot.root()))
          .containsKey("charts/app/templates/deployment.yaml")
          .doesNotContainKey("envs")
          .isEqualTo(tree(gitArchive("feature", "charts/app")));
      assertThat(Files.readString(snapshot.resolve("charts/app/values.yaml")))
          .isEqualTo(git.git(repo, "show", "feature:charts/app/values.yaml"));
      assertThat(Files.readSymbolicLink(snapshot.resolve("charts/app/values-default.yaml")))
          .isEqualTo(Path.of("values.yaml"));
      assertThat(snapshot.map(repo.resolve("charts/app/Chart.yaml")))
          .isEqualTo(snapshot.root().resolve("charts/app/Chart.yaml"))
          .hasContent("apiVersion: v2\nname: app\nversion: 1.0.0\n");
    }

    RepoState.capture(git, repo).assertUnchanged(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"charts/ap", "charts/app/Chart.yaml", "envs/current", "../charts"})
  void snapshot_subdirectoryThatIsNoDirectory_saysSoAndLeavesNothingBehind(String directory)
      throws Exception {
    Set<Path> snapshotsBefore = snapshotDirectories();
    String commit = git.git(repo, "rev-parse", "--short=7", "v1").strip();

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.snapshot("v1", directory))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              switch (directory) {
                case "charts/ap" ->
                    "there is no directory 'charts/ap' in commit "
                        + commit
                        + " ('v1'); check the path";
                case "../charts" ->
                    "the directory '../charts' has an empty, '.' or '..' segment;"
                        + " write it without them";
                default ->
                    "'"
                        + directory
                        + "' is not a directory in commit "
                        + commit
                        + " ('v1');"
                        + " give a directory";
              });
    }

    assertThat(snapshotDirectories()).isEqualTo(snapshotsBefore);
  }

  private static Set<Path> snapshotDirectories() throws IOException {
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.filter(p -> p.getFileName().toString().startsWith("katafraktos-snapshot-"))
          .collect(Collectors.toSet());
    }
  }

  private Path gitArchive(String revision, String... paths) throws IOException {
    Path dir = Files.createTempDirectory(temp, "archive-");
    Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
    List<String> archive =
        new ArrayList<>(List.of("archive", "--format=tar", "-o", tar.toString(), revision));
    archive.addAll(List.of(paths));
    git.git(repo, archive.toArray(String[]::new));
    Process untar =
        new ProcessBuilder("tar", "-xf", tar.toString(), "-C", dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(untar.getInputStream().readAllBytes());
      assertThat(untar.waitFor()).as("tar: " + output).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return dir;
  }

  /** path → kind and content: link target, executable bit and bytes, or "dir". */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        String relative = root.relativize(path).toString();
        if (relative.isEmpty()) {
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          tree.put(relative, "link " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          tree.put(relative, "dir");
        } else {
          boolean executable =
              Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
          tree.put(
              relative,
              (executable ? "x " : "- ")
                  + java.util.HexFormat.of().formatHex(Files.readAllBytes(path)));
        }
      }
    }
    return tree;
  }

  private void assertModesMatchLsTree(String revision, Path root) throws IOException {
    for (String entry : git.gitList(repo, "ls-tree", "-r", "-z", revision)) {
      String mode = entry.substring(0, 6);
      Path file = root.resolve(entry.substring(entry.indexOf('\t') + 1));
      switch (mode) {
        case "120000" -> assertThat(Files.isSymbolicLink(file)).as(entry).isTrue();
        case "100755" -> assertThat(Files.isExecutable(file)).as(entry).isTrue();
        case "100644" ->
            assertThat(
                    Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.getPosixFilePermissions(file)
                            .contains(PosixFilePermission.OWNER_EXECUTE))
                .as(entry)
                .isTrue();
        default -> throw new AssertionError("unexpected entry " + entry);
      }
    }
  }
}
