package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.gitops.GitFixture;
import dev.katafraktos.gitops.RepoState;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three GitOps layouts of {@code testdata/repos} (Argo CD app-of-apps, Flux, helmfile), each
 * made a real git repository with two commits and a branch: {@code --git-ref}, {@code
 * --changed-since} and {@code rewrite --commit} on each.
 *
 * <p>The branch {@code cache-valkey} changes one file, the {@code cache} subchart of chart {@code
 * api}; in every layout exactly one release renders that chart.
 */
class GitOpsLayoutsIT {
  private static final Path REPOS = Path.of("..", "testdata", "repos");
  private static final String SUBCHART_VALUES = "charts/api/charts/cache/values.yaml";

  @TempDir Path temp;
  private GitFixture git;

  @BeforeEach
  void fixture() throws IOException {
    git = GitFixture.create(temp);
  }

  @AfterEach
  void close() {
    git.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"argocd, api", "flux, api-prod-api", "helmfile, api"})
  void gitRefAndChangedSince(String layout, String apiRelease) throws Exception {
    Path repo = repository(layout);
    RepoState before = RepoState.capture(git, repo);

    try (ReleaseSelection branch = ReleaseSelection.discover(repo, "cache-valkey", null)) {
      assertThat(images(branch, apiRelease)).anyMatch(i -> i.startsWith("valkey/valkey:7.4."));
    }
    try (ReleaseSelection main = ReleaseSelection.discover(repo, null, null)) {
      assertThat(images(main, apiRelease))
          .anyMatch(i -> i.startsWith("redis:7.4."))
          .noneMatch(i -> i.contains("valkey"));
    }
    try (ReleaseSelection changed = ReleaseSelection.discover(repo, "cache-valkey", "main")) {
      assertThat(changed.releases().declared())
          .extracting(ReleaseSet::label)
          .containsExactly(apiRelease);
    }
    try (ReleaseSelection unchanged = ReleaseSelection.discover(repo, null, "main")) {
      assertThat(unchanged.releases().declared()).isEmpty();
      assertThat(unchanged.releases().unchanged()).isPositive();
    }
    assertThat(RepoState.capture(git, repo)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"argocd", "flux", "helmfile"})
  void rewriteCommit(String layout) throws Exception {
    Path repo = repository(layout);
    RepoState before = RepoState.capture(git, repo);
    String head = git.git(repo, "rev-parse", "HEAD").strip();

    CommittedRewrite committed =
        Katafraktos.create()
            .rewriteAndCommit(repo, null, RenderOptions.defaults(), mapping(), false, null);

    assertThat(committed.branch()).isEqualTo("katafraktos/images-" + head.substring(0, 7));
    assertThat(committed.commitId()).isNotNull();
    assertThat(committed.files()).contains("charts/api/values.yaml");
    assertThat(git.git(repo, "rev-parse", committed.branch() + "^").strip()).isEqualTo(head);
    assertThat(git.git(repo, "diff", "--name-only", head, committed.branch()).lines().toList())
        .containsExactlyInAnyOrderElementsOf(committed.files());
    assertThat(git.git(repo, "log", "-1", "--format=%B", committed.branch()))
        .containsPattern("-> harbor\\.example\\.com/dockerhub/library/redis:7\\.4\\.\\d");
    RepoState after = RepoState.capture(git, repo);
    assertThat(after.workTree()).isEqualTo(before.workTree());
    assertThat(after.indexFile()).isEqualTo(before.indexFile());
    assertThat(after.headFile()).isEqualTo(before.headFile());
    assertThat(after.status()).isEqualTo(before.status());

    // the committed branch, audited from git: the api release pulls from the mapped registry
    try (ReleaseSelection branch = ReleaseSelection.discover(repo, committed.branch(), null)) {
      String api =
          branch.releases().declared().stream()
              .map(ReleaseSet::label)
              .filter(l -> l.startsWith("api"))
              .findFirst()
              .orElseThrow();
      assertThat(images(branch, api))
          .allMatch(i -> i.startsWith("harbor.example.com/dockerhub/library/"));
    }
  }

  /**
   * The layout in a git repository: the files on main, then branch cache-valkey with one change.
   */
  private Path repository(String layout) throws IOException {
    Path repo = git.init(temp.resolve(layout));
    GitFixture.copyTree(REPOS.resolve(layout), repo);
    git.git(repo, "add", "-A");
    git.git(repo, "commit", "-q", "-m", "The " + layout + " layout");
    git.git(repo, "checkout", "-q", "-b", "cache-valkey");
    GitFixture.write(
        repo,
        SUBCHART_VALUES,
        Files.readString(repo.resolve(SUBCHART_VALUES))
            .replace("repository: redis", "repository: valkey/valkey"));
    git.git(repo, "commit", "-q", "-am", "Cache on valkey");
    git.git(repo, "checkout", "-q", "main");
    return repo;
  }

  private static List<String> images(ReleaseSelection selection, String release) throws Exception {
    List<Release> releases = selection.releases().releases(RenderOptions.defaults());
    AuditResult result =
        Katafraktos.create().audit(new AuditRequest(releases, mapping(), true, null));
    assertThat(result.inventory().failures()).isEmpty();
    return result.inventory().charts().stream()
        .filter(c -> c.chart().equals(release))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no release " + release))
        .images()
        .stream()
        .map(InventoryImage::image)
        .toList();
  }

  private static AuditConfig mapping() throws Exception {
    return AuditConfig.builder()
        .registry("harbor.example.com")
        .mapping(Mapping.of("docker.io", "harbor.example.com/dockerhub"))
        .mapping(Mapping.of("quay.io", "harbor.example.com/quay"))
        .build();
  }
}
