package dev.katafraktos.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening a repository and resolving git refs, checked against {@code git rev-parse}. */
class RefsIT {
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

  @ParameterizedTest
  @ValueSource(
      strings = {"HEAD", "main", "feature", "v1", "v2", "HEAD~1", "HEAD~2", "main^", "feature~1"})
  void resolve_branchTagOrExpression_isTheCommitGitRevParseNames(String ref) throws Exception {
    RepoState before = RepoState.capture(git, repo);

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.resolve(ref)).isEqualTo(revParse(repo, ref));
    }

    RepoState.capture(git, repo).assertUnchanged(before);
  }

  @Test
  void resolve_fullAndAbbreviatedCommitId_isTheCommit() throws Exception {
    String full = revParse(repo, "v1");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.resolve(full)).isEqualTo(full);
      assertThat(repository.resolve(full.substring(0, 7))).isEqualTo(full);
    }
  }

  @Test
  void resolve_annotatedTag_isTheTaggedCommitNotTheTagObject() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.resolve("v2"))
          .isEqualTo(revParse(repo, "HEAD~2"))
          .isNotEqualTo(git.git(repo, "rev-parse", "v2").strip());
    }
  }

  @Test
  void resolve_remoteTrackingBranch_inAClone() throws Exception {
    Path clone = temp.resolve("clone");
    git.git(temp, "clone", "-q", repo.toString(), clone.toString());

    try (GitRepository repository = GitRepository.open(clone)) {
      assertThat(repository.resolve("origin/main")).isEqualTo(revParse(repo, "main"));
      assertThat(repository.resolve("origin/feature")).isEqualTo(revParse(repo, "feature"));
      assertThat(repository.resolve("origin/main~1")).isEqualTo(revParse(repo, "main~1"));
    }
  }

  @Test
  void resolve_unknownRef_saysSoInOneLine() throws Exception {
    try (GitRepository repository = GitRepository.open(repo)) {
      assertThatThrownBy(() -> repository.resolve("nope"))
          .isInstanceOf(GitOpsException.class)
          .hasMessage("unknown git ref 'nope' in " + repo + ": not a branch, tag or commit");
      assertThatThrownBy(() -> repository.resolve("origin/main"))
          .hasMessage("unknown git ref 'origin/main' in " + repo + ": not a branch, tag or commit");
      assertThatThrownBy(() -> repository.resolve(" "))
          .hasMessage("no git ref given for " + repo + "; name a branch, tag or commit");
    }
  }

  @Test
  void open_subdirectoryOrFile_findsTheWorkTreeRoot() throws Exception {
    for (Path inside :
        new Path[] {repo, repo.resolve("envs/prod"), repo.resolve("envs/prod/values.yaml")}) {
      try (GitRepository repository = GitRepository.open(inside)) {
        assertThat(repository.workTree()).as(inside.toString()).contains(repo);
        assertThat(repository.currentBranch()).contains("main");
      }
    }
  }

  @Test
  void currentBranch_detachedHead_isEmpty() throws Exception {
    git.git(repo, "checkout", "-q", "--detach", "v1");

    try (GitRepository repository = GitRepository.open(repo)) {
      assertThat(repository.currentBranch()).isEmpty();
      assertThat(repository.resolve("HEAD")).isEqualTo(revParse(repo, "v1"));
    }
  }

  private String revParse(Path dir, String ref) {
    return git.git(dir, "rev-parse", "--verify", ref + "^{commit}").strip();
  }
}
