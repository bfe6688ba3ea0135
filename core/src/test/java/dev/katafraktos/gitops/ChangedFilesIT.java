package dev.katafraktos.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * changedSince against {@code git diff --no-renames --name-only REF} plus {@code git ls-files
 * --others --exclude-standard}; changedBetween against {@code git diff A B}; uncommittedChanges
 * against {@code git status}.
 */
class ChangedFilesIT {
  @TempDir Path temp;
  private GitFixture git;
  private Path repo;

  @BeforeEach
  void createRepository() throws IOException {
    git = GitFixture.create(temp);
    repo = git.gitopsRepo(temp.resolve("repo"));
  }

  @AfterEach
  void restoreJGitConfig() {
    git.close();
  }

  /** Every kind of working tree change, and some that are none. */
  private void makeMess() throws IOException {
    GitFixture.write(repo, "envs/prod/values.yaml", "replicas: 7\n"); // unstaged
    GitFixture.write(repo, "charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 2\n");
    git.git(repo, "add", "charts/app/Chart.yaml"); // staged
    Path deployment = repo.resolve("charts/app/templates/deployment.yaml");
    String original = Files.readString(deployment);
    Files.writeString(deployment, "staged, then reverted in the working tree\n");
    git.git(repo, "add", "charts/app/templates/deployment.yaml");
    Files.writeString(deployment, original); // index differs from HEAD, working tree does not
    Files.delete(repo.resolve("envs/dev/notes with space.txt")); // unstaged deletion
    git.git(repo, "rm", "-q", "charts/app/values-default.yaml"); // staged deletion of a symlink
    Files.createDirectories(repo.resolve("envs/development"));
    git.git(repo, "mv", "envs/dev/values-dev.yaml", "envs/development/values.yaml"); // rename
    GitFixture.write(repo, "envs/qa/values.yaml", "replicas: 1\n"); // untracked
    GitFixture.write(repo, "build/out.yaml", "ignored\n"); // ignored directory
    GitFixture.write(repo, "scratch.tmp", "ignored\n"); // ignored file
    GitFixture.executable(repo, "scripts/lint.sh", true); // mode change only
    Path touched = repo.resolve("charts/app/values.yaml"); // new timestamp, same content
    Files.setLastModifiedTime(
        touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 3_600_000));
    git.git(repo, "rm", "-q", "--cached", "data/keep.txt"); // untracked, and deleted from the index
    Files.delete(repo.resolve("envs/current"));
    GitFixture.symlink(repo, "envs/current", "dev"); // a symlink with a new target
  }

  @ParameterizedTest
  @ValueSource(strings = {"HEAD", "HEAD~1", "HEAD~2", "main", "feature", "v1", "v2"})
  void changedSince_messyWorkingTree_matchesGit(String revision) throws Exception {
    makeMess();
    RepoState before = RepoState.capture(git, repo);

    Set<String> changed;
    try (GitRepository repository = GitRepository.open(repo)) {
      changed = repository.changedSince(revision);
    }
    RepoState.capture(git, repo).assertUnchanged(before);

    assertThat(changed).isEqualTo(gitChangedSince(revision));
  }

  @Test
  void changedSince_head_listsExactlyTheRealChanges() throws Exception {
    makeMess();

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedSince("HEAD"))
          .containsExactly(
              "charts/app/Chart.yaml",
              "charts/app/values-default.yaml",
              "data/keep.txt",
              "envs/current",
              "envs/dev/notes with space.txt",
              "envs/dev/values-dev.yaml",
              "envs/development/values.yaml",
              "envs/prod/values.yaml",
              "envs/qa/values.yaml",
              "scripts/lint.sh");
    }
  }

  @Test
  void changedSince_abbreviatedCommit_matchesGit() throws Exception {
    makeMess();
    String abbreviated = git.git(repo, "rev-parse", "--short=8", "v1").strip();

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedSince(abbreviated)).isEqualTo(gitChangedSince(abbreviated));
    }
  }

  @Test
  void changedSince_cleanWorkingTree_isWhatWasCommittedSince() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedSince("HEAD")).isEmpty();
      assertThat(repository.changedSince("v2"))
          .containsExactly(
              "data/blob.bin",
              "envs/dev/values-dev.yaml",
              "envs/dev/values.yaml",
              "scripts/render.sh")
          .isEqualTo(gitChangedSince("v2"));
    }
  }

  @Test
  void changedSince_withCoreFileModeFalse_ignoresModeChangesAsGitDoes() throws Exception {
    git.git(repo, "config", "core.fileMode", "false");
    GitFixture.executable(repo, "scripts/lint.sh", true);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedSince("HEAD")).isEqualTo(gitChangedSince("HEAD")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1 HEAD", "HEAD v1", "feature main", "v2 feature", "HEAD~1 HEAD"})
  void changedBetween_twoCommits_matchesGitDiff(String range) throws Exception {
    String[] revisions = range.split(" ");
    makeMess();
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedBetween(revisions[0], revisions[1]))
          .isEqualTo(
              new TreeSet<>(
                  git.gitList(
                      repo,
                      "diff",
                      "--no-renames",
                      "--name-only",
                      "-z",
                      revisions[0],
                      revisions[1])));
    }
    RepoState.capture(git, repo).assertUnchanged(before);
  }

  @Test
  void changedBetween_rename_countsBothPaths() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.changedBetween("v2", "HEAD~1"))
          .containsExactly("envs/dev/values-dev.yaml", "envs/dev/values.yaml", "scripts/render.sh");
    }
  }

  @Test
  void changedBetween_unknownRevision_saysSo() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.changedBetween("v1", "origin/main"))
          .isInstanceOf(GitOpsException.class)
          .hasMessage("unknown git ref 'origin/main' in " + repo + ": not a branch, tag or commit");
    }
  }

  @Test
  void uncommittedChanges_matchGitStatus() throws Exception {
    makeMess();
    RepoState before = RepoState.capture(git, repo);

    Set<String> uncommitted;
    try (GitRepository repository = GitRepository.open(repo)) {
      uncommitted = repository.uncommittedChanges();
    }
    RepoState.capture(git, repo).assertUnchanged(before);

    assertThat(uncommitted)
        .isEqualTo(gitStatusPaths())
        .contains("charts/app/templates/deployment.yaml")
        .doesNotContain("charts/app/values.yaml", "build/out.yaml", "scratch.tmp");
  }

  @Test
  void requireClean_dirtyFile_refusesWithTheExactMessage() throws Exception {
    GitFixture.write(repo, "envs/prod/values.yaml", "replicas: 7\n");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(
              () -> repository.requireClean(List.of("envs/prod/values.yaml", "envs/current")))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              "envs/prod/values.yaml has uncommitted changes; commit or stash them first"
                  + " — nothing was changed");
      repository.requireClean(List.of("charts/app/values.yaml", "envs/dev"));
    }
  }

  @Test
  void requireClean_directory_coversEveryFileBelowIt() throws Exception {
    GitFixture.write(repo, "envs/prod/values.yaml", "replicas: 7\n");
    GitFixture.write(repo, "envs/qa/values.yaml", "replicas: 1\n");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.requireClean(List.of("envs/")))
          .hasMessage(
              "envs/prod/values.yaml, envs/qa/values.yaml have uncommitted changes;"
                  + " commit or stash them first — nothing was changed");
      repository.requireClean(List.of("env", "charts"));
    }
  }

  @Test
  void isClean_freshCloneThenEachKindOfChange_followsGitStatus() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.isClean()).isTrue();
      repository.requireClean();

      GitFixture.write(repo, "scratch.tmp", "ignored\n");
      assertThat(repository.isClean()).as("an ignored file").isTrue();

      GitFixture.write(repo, "envs/qa/values.yaml", "replicas: 1\n");
      assertThat(repository.isClean()).as("an untracked file").isFalse();
      Files.delete(repo.resolve("envs/qa/values.yaml"));

      GitFixture.write(repo, "charts/app/Chart.yaml", "apiVersion: v2\nname: other\n");
      git.git(repo, "add", "charts/app/Chart.yaml");
      assertThat(repository.isClean()).as("a staged change").isFalse();
      assertThatThrownBy(repository::requireClean)
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              repo
                  + " has uncommitted changes: charts/app/Chart.yaml; commit or stash them first"
                  + " — nothing was changed");
    }
    assertThat(git.git(repo, "status", "--porcelain")).isEqualTo("M  charts/app/Chart.yaml\n");
  }

  @Test
  void requireClean_manyDirtyPaths_listsTenAndCountsTheRest() throws Exception {
    for (int i = 1; i <= 12; i++) {
      GitFixture.write(repo, String.format("envs/e%02d/values.yaml", i), "replicas: 1\n");
    }
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(repository::requireClean)
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              repo
                  + " has uncommitted changes: envs/e01/values.yaml, envs/e02/values.yaml,"
                  + " envs/e03/values.yaml, envs/e04/values.yaml, envs/e05/values.yaml,"
                  + " envs/e06/values.yaml, envs/e07/values.yaml, envs/e08/values.yaml,"
                  + " envs/e09/values.yaml, envs/e10/values.yaml and 2 more;"
                  + " commit or stash them first — nothing was changed");
      assertThatThrownBy(() -> repository.requireClean(List.of("envs")))
          .hasMessageContaining("envs/e10/values.yaml and 2 more have uncommitted changes");
    }
    RepoState.capture(git, repo).assertUnchanged(before);
    assertThat(gitStatusPaths()).hasSize(12);
  }

  @Test
  void changedSince_bareRepository_hasNoWorkingTree() throws Exception {
    Path bare = temp.resolve("bare.git");
    git.git(temp, "clone", "-q", "--bare", repo.toString(), bare.toString());

    try (GitRepository repository = GitRepository.open(bare)) {
      assertThatThrownBy(() -> repository.changedSince("HEAD"))
          .hasMessage(
              bare
                  + " is a bare repository; it has no working tree for changes in the"
                  + " working tree");
      assertThat(repository.changedBetween("v1", "v2")).containsExactly("envs/prod/values.yaml");
    }
  }

  private Set<String> gitChangedSince(String revision) {
    Set<String> expected = new TreeSet<>();
    expected.addAll(git.gitList(repo, "diff", "--no-renames", "--name-only", "-z", revision));
    expected.addAll(git.gitList(repo, "ls-files", "--others", "--exclude-standard", "-z"));
    return expected;
  }

  /** Paths of {@code git status --porcelain -z --no-renames --untracked-files=all}. */
  private Set<String> gitStatusPaths() {
    return git
        .gitList(repo, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=all")
        .stream()
        .map(entry -> entry.substring(3))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
