package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.gitops.GitFixture;
import dev.katafraktos.gitops.RepoState;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.report.AuditReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release sets read from real git repositories (built with the git binary): a commit audited
 * without touching the working tree, only the releases a change touches, a rewrite committed to a
 * branch without checking it out, and what a new user gets wrong.
 *
 * <p>The repository: chart {@code web} (the whole image in one value) deployed by two Argo CD
 * Applications, dev and prod, each with its own values file; chart {@code api} (with a subchart)
 * deployed by one. Tag {@code v1}; then prod's web image is bumped on {@code main}.
 */
class ReleaseSetGitIT {
  private static final Path TESTDATA = Path.of("..", "testdata", "repos", "argocd", "charts");

  @TempDir Path temp;
  private GitFixture git;
  private Path repo;

  @BeforeEach
  void repository() throws IOException {
    git = GitFixture.create(temp);
    repo = git.init(temp.resolve("gitops"));
    GitFixture.copyTree(TESTDATA.resolve("web"), repo.resolve("charts/web"));
    GitFixture.copyTree(TESTDATA.resolve("api"), repo.resolve("charts/api"));
    GitFixture.write(repo, "charts/web/values-dev.yaml", "image: nginx:1.27.0\n");
    GitFixture.write(repo, "charts/web/values-prod.yaml", "image: nginx:1.27.4\n");
    GitFixture.write(repo, "apps/web-dev.yaml", application("web-dev", "web", "values-dev.yaml"));
    GitFixture.write(
        repo, "apps/web-prod.yaml", application("web-prod", "web", "values-prod.yaml"));
    GitFixture.write(repo, "apps/api.yaml", application("api", "api", null));
    git.git(repo, "add", "-A");
    git.git(repo, "commit", "-q", "-m", "Three releases");
    git.git(repo, "tag", "v1");
    GitFixture.write(repo, "charts/web/values-prod.yaml", "image: nginx:1.28.0\n");
    git.git(repo, "commit", "-q", "-am", "Bump prod's web server");
  }

  @AfterEach
  void close() {
    git.close();
  }

  @Test
  void gitRef_auditsTheCommit_workingTreeUntouched() throws Exception {
    RepoState before = RepoState.capture(git, repo);

    AuditResult result;
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, "v1", null)) {
      assertThat(selection.notes().get(0))
          .startsWith("Discovered 3 releases in " + repo + " at v1 (")
          .contains("3 argocd");
      result = audit(selection);
    }

    assertThat(images(result))
        .containsEntry("web-prod [prod]", List.of("nginx:1.27.4"))
        .containsEntry("web-dev [dev]", List.of("nginx:1.27.0"))
        .containsEntry("api", List.of("nginx:1.27.4", "redis:7.4.2"));
    assertThat(RepoState.capture(git, repo)).isEqualTo(before);
    try (ReleaseSelection now = ReleaseSelection.discover(repo, null, null)) {
      assertThat(images(audit(now))).containsEntry("web-prod [prod]", List.of("nginx:1.28.0"));
    }
  }

  @Test
  void reportsNameReleaseEnvironmentAndDeclaringFile_andGroupByImage() throws Exception {
    GitFixture.write(repo, "charts/web/values-dev.yaml", "image: nginx:1.28.0\n");
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, null, null)) {
      AuditReport report = AuditReports.of(audit(selection));

      assertThat(report.declaredIn("web-prod [prod]")).isEqualTo("argocd apps/web-prod.yaml");
      assertThat(report.release("api").origin().file()).isEqualTo(Path.of("apps/api.yaml"));
      AuditReport.ImageGroup nginx =
          report.byImage().stream()
              .filter(g -> g.image().equals("docker.io/library/nginx:1.28.0"))
              .findFirst()
              .orElseThrow();
      assertThat(nginx.releases()).containsExactly("web-dev [dev]", "web-prod [prod]");
      assertThat(nginx.usedBy()).isEqualTo("used by 2 releases in 2 environments (dev, prod)");
      assertThat(nginx.rules()).containsExactly("external-registry");
    }
  }

  @Test
  void changedSince_keepsOnlyTheReleasesAChangeTouches() throws Exception {
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, null, "v1")) {
      assertThat(names(selection)).containsExactly("web-prod");
      assertThat(selection.notes())
          .contains(
              "--changed-since v1: 1 of 3 releases changed (1 file differs from the working tree)");
    }

    // an uncommitted change to a subchart's values counts too: a pull request's checkout
    GitFixture.write(
        repo,
        "charts/api/charts/cache/values.yaml",
        "image:\n  repository: redis\n  tag: \"8.0\"\n");
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, null, "HEAD")) {
      assertThat(names(selection)).containsExactly("api");
    }

    // between two commits, working tree aside
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, "HEAD", "v1")) {
      assertThat(names(selection)).containsExactly("web-prod");
    }
  }

  @Test
  void changedSince_theDeclaringFileCounts() throws Exception {
    GitFixture.write(
        repo, "apps/web-dev.yaml", application("web-dev", "web", "values-dev.yaml") + "# moved\n");
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, null, "HEAD")) {
      assertThat(names(selection)).containsExactly("web-dev");
    }
  }

  @Test
  void rewriteAndCommit_commitsToANewBranch_leavingHeadIndexAndWorkingTree() throws Exception {
    RepoState before = RepoState.capture(git, repo);
    String head = git.git(repo, "rev-parse", "HEAD").strip();

    CommittedRewrite committed =
        Katafraktos.create()
            .rewriteAndCommit(repo, "images", RenderOptions.defaults(), mapping(), false, null);

    assertThat(committed.created()).isTrue();
    assertThat(committed.branch()).isEqualTo("images");
    assertThat(committed.files())
        .containsExactlyInAnyOrder(
            "charts/web/values-dev.yaml", "charts/web/values-prod.yaml", "charts/api/values.yaml");
    RepoState after = RepoState.capture(git, repo);
    assertThat(after.workTree()).isEqualTo(before.workTree());
    assertThat(after.indexFile()).isEqualTo(before.indexFile());
    assertThat(after.headFile()).isEqualTo(before.headFile());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(git.git(repo, "rev-parse", "images^").strip()).isEqualTo(head);
    assertThat(git.git(repo, "show", "images:charts/web/values-prod.yaml"))
        .isEqualTo("image: harbor.example.com/dockerhub/library/nginx:1.28.0\n");
    assertThat(git.git(repo, "show", "images:charts/api/values.yaml"))
        .contains("repository: harbor.example.com/dockerhub/library/nginx")
        .contains("# values for the cache subchart: this tag wins over charts/cache/values.yaml");
    String message = git.git(repo, "log", "-1", "--format=%B", "images");
    assertThat(message)
        .startsWith("Pull images from harbor.example.com (")
        .contains(
            "- web-prod [prod]: nginx:1.28.0 -> harbor.example.com/dockerhub/library/nginx:1.28.0"
                + " (charts/web/values-prod.yaml: image)")
        .contains("- web-dev [dev]: nginx:1.27.0 ->");
    git.git(repo, "fsck", "--strict");

    // the branch now has everything in place: a second run commits nothing
    CommittedRewrite again =
        Katafraktos.create()
            .rewriteAndCommit(repo, "images", RenderOptions.defaults(), mapping(), false, null);
    assertThat(again.commitId()).isNull();
    assertThat(git.git(repo, "rev-parse", "images").strip()).isEqualTo(committed.commitId());
  }

  @Test
  void newUser_unknownRef_dirtyTree_missingPath_notARepository() throws Exception {
    RepoState before = RepoState.capture(git, repo);
    assertThatThrownBy(() -> ReleaseSelection.discover(repo, "nope", null))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageStartingWith("unknown git ref 'nope' in ")
        .hasMessageEndingWith("not a branch, tag or commit");
    assertThatThrownBy(() -> ReleaseSelection.discover(repo, null, "origin/main"))
        .hasMessageContaining("unknown git ref 'origin/main'");
    assertThat(RepoState.capture(git, repo)).isEqualTo(before);

    GitFixture.write(repo, "charts/web/values-dev.yaml", "image: nginx:1.29.0\n");
    RepoState dirty = RepoState.capture(git, repo);
    assertThatThrownBy(
            () ->
                Katafraktos.create()
                    .rewriteAndCommit(
                        repo, "images", RenderOptions.defaults(), mapping(), false, null))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageContaining("charts/web/values-dev.yaml")
        .hasMessageContaining("has uncommitted changes: charts/web/values-dev.yaml;")
        .hasMessageContaining("commit or stash them first");
    assertThat(RepoState.capture(git, repo)).isEqualTo(dirty);
    assertThat(git.git(repo, "branch", "--list", "images")).isEmpty();
    git.git(repo, "checkout", "-q", "--", ".");

    GitFixture.write(repo, "apps/gone.yaml", application("gone", "removed-chart", null));
    try (ReleaseSelection selection = ReleaseSelection.discover(repo, null, null)) {
      assertThat(names(selection)).containsExactly("api", "web-dev", "web-prod");
      assertThat(selection.notes())
          .anySatisfy(
              n ->
                  assertThat(n)
                      .startsWith("  apps/gone.yaml: Application gone: ")
                      .contains("charts/removed-chart"));
    }

    Path plain = Files.createDirectories(temp.resolve("not-a-repo"));
    assertThatThrownBy(() -> ReleaseSelection.discover(plain, "main", null))
        .hasMessageContaining("is not in a git repository");
    assertThatThrownBy(() -> ReleaseSelection.discover(temp.resolve("missing"), null, null))
        .hasMessageContaining("no such directory");
  }

  private static AuditResult audit(ReleaseSelection selection) throws Exception {
    List<Release> releases = selection.releases().releases(RenderOptions.defaults());
    return Katafraktos.create().audit(new AuditRequest(releases, mapping(), true, null));
  }

  private static AuditConfig mapping() throws ConfigException {
    return AuditConfig.builder()
        .registry("harbor.example.com")
        .mapping(Mapping.of("docker.io", "harbor.example.com/dockerhub"))
        .build();
  }

  private static Map<String, List<String>> images(AuditResult result) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ChartInventory chart : result.inventory().charts()) {
      out.put(chart.chart(), chart.images().stream().map(InventoryImage::image).toList());
    }
    assertThat(result.inventory().failures()).isEmpty();
    return out;
  }

  private static List<String> names(ReleaseSelection selection) {
    return selection.releases().declared().stream()
        .map(dev.katafraktos.model.Release::name)
        .sorted()
        .collect(Collectors.toList());
  }

  private static String application(String name, String chart, String valuesFile) {
    return "apiVersion: argoproj.io/v1alpha1\n"
        + "kind: Application\n"
        + "metadata:\n  name: "
        + name
        + "\n  namespace: argocd\n"
        + "spec:\n  project: default\n  source:\n"
        + "    repoURL: https://git.example.com/platform/gitops.git\n"
        + "    targetRevision: main\n"
        + "    path: charts/"
        + chart
        + "\n"
        + (valuesFile == null ? "" : "    helm:\n      valueFiles:\n        - " + valuesFile + "\n")
        + "  destination:\n    server: https://kubernetes.default.svc\n    namespace: "
        + name
        + "\n";
  }
}
