package dev.katafraktos.gitops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * commitFiles checked with git: the commit's message, files, parent, author and diff, {@code git
 * fsck}, and a working tree, index and HEAD that no commit may change.
 */
class CommitFilesIT {
  private static final String PROD = "envs/prod/values.yaml";
  private static final String QA = "envs/qa/values.yaml";
  private static final String SCRIPT = "scripts/render.sh";

  @TempDir Path temp;
  private GitFixture git;
  private Path repo;

  @BeforeEach
  void createRepository() throws IOException {
    git = GitFixture.create(temp);
    repo = git.gitopsRepo(temp.resolve("repo"));
    // work in progress the commit must neither include nor disturb
    GitFixture.write(repo, "charts/app/values.yaml", "image:\n  tag: wip\n");
    GitFixture.write(repo, "charts/app/Chart.yaml", "apiVersion: v2\nname: staged\n");
    git.git(repo, "add", "charts/app/Chart.yaml");
    GitFixture.write(repo, "notes.txt", "untracked\n");
  }

  @AfterEach
  void restoreJGitConfig() {
    git.close();
  }

  private static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(PROD, "replicas: 5\nimage: harbor.corp/library/nginx@sha256:abc\n".getBytes(UTF_8));
    files.put(QA, "replicas: 1\n".getBytes(UTF_8));
    files.put(SCRIPT, "#!/bin/sh\nhelm template charts/app --strict\n".getBytes(UTF_8));
    return files;
  }

  @Test
  void commitFiles_newBranch_startsAtHeadAndChangesOnlyThatRef() throws Exception {
    String head = rev("HEAD");
    RepoState before = RepoState.capture(git, repo);

    CommitResult result;
    try (GitRepository repository = GitRepository.open(repo)) {
      result = repository.commitFiles("katafraktos/pin", files(), "Pin images\n\nTo digests.");
    }

    RepoState after = RepoState.capture(git, repo);
    after.assertUnchangedExceptRefs(before);
    Map<String, String> expectedRefs = new TreeMap<>(before.refs());
    expectedRefs.put("refs/heads/katafraktos/pin", result.commitId());
    assertThat(after.refs()).isEqualTo(expectedRefs);

    assertThat(result)
        .isEqualTo(
            new CommitResult(rev("katafraktos/pin"), "katafraktos/pin", true, Optional.of(head)));
    assertThat(git.git(repo, "log", "-1", "--format=%B", "katafraktos/pin"))
        .isEqualTo("Pin images\n\nTo digests.\n\n");
    assertThat(rev("katafraktos/pin^")).isEqualTo(head);
    assertCommitted("katafraktos/pin", files());
    assertThat(
            new TreeSet<>(git.gitList(repo, "diff", "--name-only", "-z", head, "katafraktos/pin")))
        .containsExactly(PROD, QA, SCRIPT);
    assertThat(git.git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>", "katafraktos/pin"))
        .as("no user.name in any git config: the default author")
        .isEqualTo("Katafraktos <katafraktos@localhost>|Katafraktos <katafraktos@localhost>\n");
    assertFsckClean();
  }

  @Test
  void commitFiles_replacedFiles_keepTheirModeAndTheRestOfTheTreeIsTheBase() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      repository.commitFiles("pin", files(), "Pin");
    }

    assertThat(lsTree("pin", SCRIPT)).startsWith("100755 blob ");
    assertThat(lsTree("pin", QA)).startsWith("100644 blob ");
    assertThat(lsTree("pin", "envs/current")).startsWith("120000 blob ");
    // every path not given is the base's entry, object for object
    String base = git.git(repo, "ls-tree", "-r", "HEAD");
    String committed = git.git(repo, "ls-tree", "-r", "pin");
    for (String line : base.split("\n")) {
      String path = line.substring(line.indexOf('\t') + 1);
      if (!files().containsKey(path)) {
        assertThat(committed).contains(line);
      }
    }
  }

  @Test
  void commitFiles_existingBranch_movesForwardFromItsTip() throws Exception {
    String featureTip = rev("feature");
    RepoState before = RepoState.capture(git, repo);

    CommitResult result;
    try (GitRepository repository = GitRepository.open(repo)) {
      result =
          repository.commitFiles(
              "feature", Map.of(PROD, "replicas: 6\n".getBytes(UTF_8)), "Scale prod on feature");
    }

    RepoState.capture(git, repo).assertUnchangedExceptRefs(before);
    assertThat(result.created()).isFalse();
    assertThat(result.baseCommitId()).contains(featureTip);
    assertThat(rev("feature^")).isEqualTo(featureTip);
    assertThat(git.git(repo, "show", "feature:envs/staging/values.yaml"))
        .isEqualTo("replicas: 2\n");
    assertThat(git.gitList(repo, "diff", "--name-only", "-z", featureTip, "feature"))
        .containsExactly(PROD);
    assertThat(git.run(repo, "merge-base", "--is-ancestor", featureTip, "feature").exit()).isZero();
    assertThat(git.git(repo, "reflog", "-1", "--format=%gs", "feature"))
        .isEqualTo("commit: Scale prod on feature\n");
    assertFsckClean();
  }

  @Test
  void commitFiles_newBranchOnABase_hasThatParentAndItsFiles() throws Exception {
    String v2 = rev("v2");
    RepoState before = RepoState.capture(git, repo);

    CommitResult result;
    try (GitRepository repository = GitRepository.open(repo)) {
      result =
          repository.commitFiles(
              "pin-v2", "v2", Map.of(QA, bytes("replicas: 1\n")), "Add qa", GitAuthor.DEFAULT);
    }

    RepoState.capture(git, repo).assertUnchangedExceptRefs(before);
    assertThat(result).isEqualTo(new CommitResult(rev("pin-v2"), "pin-v2", true, Optional.of(v2)));
    assertThat(rev("pin-v2^")).isEqualTo(v2);
    assertThat(git.gitList(repo, "diff", "--name-only", "-z", v2, "pin-v2")).containsExactly(QA);
    assertThat(git.git(repo, "show", "pin-v2:envs/dev/values.yaml"))
        .as("v2's tree, not HEAD's")
        .isEqualTo("replicas: 1\n");
    assertFsckClean();
  }

  @Test
  void commitFiles_existingBranchAtTheBase_movesForward() throws Exception {
    String featureTip = rev("feature");

    CommitResult result;
    try (GitRepository repository = GitRepository.open(repo)) {
      result =
          repository.commitFiles(
              "feature",
              featureTip.substring(0, 10),
              Map.of(PROD, bytes("replicas: 6\n")),
              "Scale prod",
              GitAuthor.DEFAULT);
    }

    assertThat(result.created()).isFalse();
    assertThat(result.baseCommitId()).contains(featureTip);
    assertThat(rev("feature^")).isEqualTo(featureTip);
  }

  @Test
  void commitFiles_existingBranchNotAtTheBase_isRefusedAndNothingChanges() throws Exception {
    RepoState before = RepoState.capture(git, repo);
    String objects = git.git(repo, "count-objects", "-v");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(
              () -> repository.commitFiles("feature", "v2", files(), "Pin", GitAuthor.DEFAULT))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              "branch 'feature' is at "
                  + rev("feature").substring(0, 7)
                  + ", not at 'v2' ("
                  + rev("v2").substring(0, 7)
                  + ") that the files were made from; commit to a new branch or start again"
                  + " from the branch's tip — nothing was changed");
      assertThatThrownBy(
              () -> repository.commitFiles("pin", "nope", files(), "Pin", GitAuthor.DEFAULT))
          .hasMessage("unknown git ref 'nope' in " + repo + ": not a branch, tag or commit");
    }

    RepoState.capture(git, repo).assertUnchanged(before);
    assertThat(git.git(repo, "count-objects", "-v")).as("no object written").isEqualTo(objects);
  }

  @Test
  void commitFiles_emptyFilesOrMessage_isAProgrammingError() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.commitFiles("b", Map.of(), "m"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repository.commitFiles("b", Map.of(QA, new byte[0]), " \n"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repository.commitFiles("bad..name", Map.of(QA, new byte[0]), "m"))
          .isInstanceOf(GitOpsException.class)
          .hasMessage("'bad..name' is not a valid branch name; see git check-ref-format --branch");
    }
  }

  @Test
  void commitFiles_authorFromTheRepositoryConfig_orGiven() throws Exception {
    git.git(repo, "config", "user.name", "Release Bot");
    git.git(repo, "config", "user.email", "release-bot@corp.example");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.author())
          .isEqualTo(new GitAuthor("Release Bot", "release-bot@corp.example"));
      repository.commitFiles("by-config", files(), "By config");
      repository.commitFiles(
          "given", files(), "Given", new GitAuthor("Jane Doe", "jane@corp.example"));
    }

    assertThat(git.git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>", "by-config"))
        .isEqualTo(
            "Release Bot <release-bot@corp.example>|Release Bot <release-bot@corp.example>\n");
    assertThat(git.git(repo, "log", "-1", "--format=%an <%ae>", "given"))
        .isEqualTo("Jane Doe <jane@corp.example>\n");
  }

  @Test
  void commitFiles_checkedOutBranch_isRefusedAndNothingChanges() throws Exception {
    RepoState before = RepoState.capture(git, repo);
    String objects = git.git(repo, "count-objects", "-v");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.commitFiles("main", files(), "Pin"))
          .isInstanceOf(GitOpsException.class)
          .hasMessage(
              "branch 'main' is checked out in "
                  + repo
                  + "; committing to it would make that working tree look modified, so commit to"
                  + " another branch — nothing was changed");
    }

    RepoState.capture(git, repo).assertUnchanged(before);
    assertThat(git.git(repo, "count-objects", "-v")).as("no object written").isEqualTo(objects);
  }

  @Test
  void commitFiles_branchCheckedOutInALinkedWorktree_isRefusedFromEitherSide() throws Exception {
    Path linked = temp.resolve("linked");
    git.git(repo, "worktree", "add", "-q", linked.toString(), "feature");
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.commitFiles("feature", files(), "Pin"))
          .hasMessageStartingWith("branch 'feature' is checked out in " + linked + ";");
    }
    try (GitRepository repository = GitRepository.open(linked.resolve("envs"))) {
      assertThatThrownBy(() -> repository.commitFiles("main", files(), "Pin"))
          .hasMessageStartingWith("branch 'main' is checked out in " + repo + ";");
      assertThatThrownBy(() -> repository.commitFiles("feature", files(), "Pin"))
          .hasMessageStartingWith("branch 'feature' is checked out in " + linked + ";");
      CommitResult result = repository.commitFiles("from-linked", files(), "From linked");
      assertThat(result.baseCommitId()).contains(rev("feature"));
    }

    RepoState after = RepoState.capture(git, repo);
    after.assertUnchangedExceptRefs(before);
    assertThat(after.refs())
        .containsAllEntriesOf(before.refs())
        .containsKey("refs/heads/from-linked");
    assertCommitted("from-linked", files());
    assertFsckClean();
  }

  @Test
  void commitFiles_unbornRepository_makesARootCommit() throws Exception {
    Path empty = git.init(temp.resolve("empty"));

    CommitResult result;
    try (GitRepository repository = GitRepository.open(empty)) {
      assertThatThrownBy(() -> repository.commitFiles("main", files(), "First"))
          .hasMessageStartingWith("branch 'main' is checked out in " + empty);
      result = repository.commitFiles("first", files(), "First");
    }

    assertThat(result.created()).isTrue();
    assertThat(result.baseCommitId()).isEmpty();
    assertThat(git.git(empty, "rev-list", "--count", "first")).isEqualTo("1\n");
    assertThat(git.git(empty, "ls-tree", "-r", "--name-only", "first"))
        .isEqualTo(PROD + "\n" + QA + "\n" + SCRIPT + "\n");
    assertThat(git.run(empty, "rev-parse", "--verify", "-q", "HEAD").exit())
        .as("HEAD is still unborn")
        .isNotZero();
    assertThat(git.run(empty, "fsck", "--strict", "--no-dangling", "--no-progress").exit())
        .isZero();
  }

  @Test
  void commitFiles_bareRepository_mayMoveItsHeadBranch() throws Exception {
    Path bare = temp.resolve("bare.git");
    git.git(temp, "clone", "-q", "--bare", repo.toString(), bare.toString());
    String tip = git.git(bare, "rev-parse", "main").strip();

    try (GitRepository repository = GitRepository.open(bare)) {
      CommitResult result = repository.commitFiles("main", files(), "Pin on the server");
      assertThat(result.created()).isFalse();
      assertThat(result.baseCommitId()).contains(tip);
    }

    assertThat(git.git(bare, "show", "main:" + QA)).isEqualTo("replicas: 1\n");
  }

  @Test
  void commitFiles_refusals_leaveEverythingAsItWas() throws Exception {
    RepoState before = RepoState.capture(git, repo);
    String head = rev("HEAD").substring(0, 7);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(
              () -> repository.commitFiles("pin", Map.of("envs/current", bytes("x")), "m"))
          .hasMessage(
              "'envs/current' is a symbolic link in "
                  + head
                  + ", not a file; commit the file it stands for instead — nothing was changed");
      // envs/current links to envs/prod: a file under it is neither written through nor beside it
      assertThatThrownBy(
              () ->
                  repository.commitFiles(
                      "pin", Map.of("envs/current/values.yaml", bytes("replicas: 9\n")), "m"))
          .hasMessage(
              "cannot commit 'envs/current/values.yaml': 'envs/current' is a symbolic link in "
                  + head
                  + ", and a file under it is not committed through it — nothing was changed");
      assertThatThrownBy(
              () -> repository.commitFiles("pin", Map.of(PROD, bytes("replicas: 5\n")), "m"))
          .hasMessage(
              "the files are identical in "
                  + head
                  + "; there is nothing to commit to branch 'pin' — nothing was changed");
      assertThatThrownBy(
              () -> repository.commitFiles("pin", Map.of(PROD + "/nested.yaml", bytes("x")), "m"))
          .hasMessage(
              "cannot commit 'envs/prod/values.yaml/nested.yaml' on top of "
                  + head
                  + ": 'envs/prod/values.yaml' would be both a file and a directory"
                  + " — nothing was changed");
      assertThatThrownBy(() -> repository.commitFiles("pin", Map.of("envs", bytes("x")), "m"))
          .hasMessageContaining("'envs' would be both a file and a directory");
      assertThatThrownBy(() -> repository.commitFiles("pin", Map.of("../evil", bytes("x")), "m"))
          .hasMessage(
              "the file to commit '../evil' has an empty, '.' or '..' segment;"
                  + " write it without them");
      assertThatThrownBy(
              () -> repository.commitFiles("pin", Map.of(".git/config", bytes("x")), "m"))
          .hasMessageStartingWith("the file to commit '.git/config' is not allowed in git");
      assertThatThrownBy(() -> repository.commitFiles("-pin", files(), "m"))
          .hasMessage("'-pin' is not a valid branch name; see git check-ref-format --branch");
    }

    RepoState.capture(git, repo).assertUnchanged(before);
  }

  @Test
  void commitFiles_lockedBranch_isNotMoved() throws Exception {
    String tip = rev("feature");
    Path lock = repo.resolve(".git/refs/heads/feature.lock");
    Files.writeString(lock, "held by another process\n");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.commitFiles("feature", files(), "Pin"))
          .hasMessage(
              "branch 'feature' in "
                  + repo
                  + " is locked or was moved by another process meanwhile; run again"
                  + " — the branch was not moved");
    } finally {
      Files.delete(lock);
    }
    assertThat(rev("feature")).isEqualTo(tip);
  }

  private void assertCommitted(String branch, Map<String, byte[]> files) {
    files.forEach(
        (path, content) ->
            assertThat(git.gitBytes(repo, "show", branch + ":" + path))
                .as(path)
                .isEqualTo(content));
  }

  private void assertFsckClean() {
    GitFixture.Result fsck = git.run(repo, "fsck", "--strict", "--no-dangling", "--no-progress");
    assertThat(fsck.exit()).as(fsck.stderr()).isZero();
    assertThat(fsck.stdout() + fsck.stderr()).isEmpty();
  }

  private String lsTree(String revision, String path) {
    return git.git(repo, "ls-tree", revision, path);
  }

  private String rev(String revision) {
    return git.git(repo, "rev-parse", revision + "^{commit}").strip();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
