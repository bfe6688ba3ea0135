package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} and {@code rewrite} over release sets: {@code --discover} on the test repositories
 * (Flux, helmfile), {@code --config} with a {@code releases:} list, and on a real git repository
 * {@code --git-ref}, {@code --changed-since} and {@code rewrite --commit}.
 */
class ReleaseSetCommandTest {
  private static final Path REPOS = Path.of("..", "testdata", "repos");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void auditDiscover_flux_namesEveryReleaseAndItsHelmRelease() throws Exception {
    CliRun run =
        CliRun.of(
            "audit",
            "--discover",
            REPOS.resolve("flux").toString(),
            "--offline",
            "--registry",
            "harbor.example.com",
            "-o",
            "json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("Discovered 2 releases in " + REPOS.resolve("flux") + " (2 flux); skipped 3:")
        .contains(
            "  apps/podinfo/release.yaml: HelmRelease apps/podinfo: chart podinfo from"
                + " HelmRepository apps/podinfo is not available offline");
    JsonNode report = JSON.readTree(run.out());
    List<String> declared = new ArrayList<>();
    report
        .get("charts")
        .forEach(
            c ->
                declared.add(
                    c.get("chart").asText()
                        + " <- "
                        + c.get("release").get("kind").asText()
                        + " "
                        + c.get("release").get("declaredIn").asText()));
    assertThat(declared)
        .containsExactly(
            "api-prod-api <- flux apps/api/helmrelease.yaml",
            "web [prod] <- flux apps/web/helmrelease.yaml");
    JsonNode nginx = report.get("byImage").get(0);
    assertThat(nginx.get("image").asText()).isEqualTo("docker.io/library/nginx:1.27.5");
    assertThat(nginx.get("releases").toString()).isEqualTo("[\"api-prod-api\",\"web [prod]\"]");
    assertThat(report.get("findings").get(0).get("declaredIn").asText())
        .isEqualTo("apps/api/helmrelease.yaml");
  }

  @Test
  void auditDiscover_helmfile_tableGroupsByImage() {
    CliRun run =
        CliRun.of(
            "audit",
            "--discover",
            REPOS.resolve("helmfile").toString(),
            "--offline",
            "--registry",
            "harbor.example.com");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("web [prod]  (helmfile helmfile.yaml)")
        .contains("api  (helmfile helmfile.yaml)")
        .contains("By image:")
        .contains("in 2 releases, 0 checked");
    assertThat(run.err()).contains("(2 helmfile)").contains("helmfile environments");
  }

  @Test
  void auditConfig_releasesList() {
    CliRun run =
        CliRun.of(
            "audit",
            "--config",
            REPOS.resolve("release-set/katafraktos.yaml").toString(),
            "--offline",
            "--fail-on",
            "none");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("2 releases listed in");
    assertThat(run.out())
        .contains("web [production]  (katafraktos.yaml)")
        .contains("web-dev [dev]  (katafraktos.yaml)");
  }

  @Test
  void aReleaseThatCannotRender_isReported_theOthersStillAudited_exitThree() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("broken-repo"));
    copy(REPOS.resolve("release-set/charts/web"), repo.resolve("web"));
    Path broken = Files.createDirectories(repo.resolve("broken/templates"));
    Files.writeString(
        repo.resolve("broken/Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
    Files.writeString(broken.resolve("cm.yaml"), "{{ fail \"the broken chart says no\" }}\n");
    Path reports = temp.resolve("reports");

    CliRun run =
        CliRun.of(
            "audit",
            "--discover",
            repo.toString(),
            "--offline",
            "--fail-on",
            "none",
            "--report-dir",
            reports.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out())
        .contains("broken  (chart-dir broken/Chart.yaml)\n  ERROR render-failed: ")
        .contains("broken/templates/cm.yaml")
        .contains("the broken chart says no")
        .contains("web  (chart-dir web/Chart.yaml)")
        .contains("nginx:1.27")
        .contains("1 release could not be rendered");
    JsonNode sarif = JSON.readTree(reports.resolve("katafraktos-audit.sarif").toFile());
    assertThat(sarif.findValuesAsText("ruleId")).contains("render-failed");
    assertThat(Files.readString(reports.resolve("TEST-katafraktos-audit.xml")))
        .contains("<error message=")
        .contains("type=\"render-failed\"");
  }

  @Test
  void usageErrors_exitTwo() {
    String flux = REPOS.resolve("flux").toString();
    assertUsage(CliRun.of("audit"), "Name a chart, --discover DIR, or a --config file");
    assertUsage(CliRun.of("audit", flux, "--discover", flux), "not both");
    assertUsage(CliRun.of("audit", "x", "--git-ref", "main"), "--git-ref needs --discover DIR");
    assertUsage(
        CliRun.of("audit", "--discover", flux, "-f", "values.yaml"),
        "apply to named charts; each release of a release set has its own");
    assertUsage(
        CliRun.of("rewrite", "--commit", "--mapping", "docker.io=h/x"),
        "--commit needs --discover DIR");
    assertUsage(
        CliRun.of(
            "rewrite", "--discover", flux, "--output", "o.yaml", "--mapping", "docker.io=h/x"),
        "with --discover use --in-place, --commit or --dry-run");
    assertUsage(
        CliRun.of("rewrite", "--discover", flux, "--commit", "--dry-run", "--mapping", "a=b/c"),
        "Say where to write, once");
  }

  @Test
  void missingDirectory_exitThree_oneLine() {
    CliRun run = CliRun.of("audit", "--discover", temp.resolve("nope").toString(), "--offline");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().strip())
        .isEqualTo(
            "katafraktos: Cannot discover releases in "
                + temp.resolve("nope")
                + ": no such directory; pass a repository checkout");
  }

  @Test
  void git_refChangedSinceAndCommit() throws Exception {
    Path repo = gitRepository();

    // the commit before the bump, read from git; the working tree has the bump
    CliRun old =
        CliRun.of(
            "audit",
            "--discover",
            repo.toString(),
            "--git-ref",
            "HEAD~1",
            "--offline",
            "-o",
            "json",
            "--fail-on",
            "none");
    assertThat(old.exitCode()).as(old.err()).isZero();
    assertThat(old.out()).contains("nginx:1.27.4").doesNotContain("nginx:1.28.0");
    assertThat(old.err()).contains(" at HEAD~1 (");

    // only the release whose values changed since the previous commit
    CliRun changed =
        CliRun.of(
            "audit",
            "--discover",
            repo.toString(),
            "--changed-since",
            "HEAD~1",
            "--offline",
            "--fail-on",
            "none");
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.err()).contains("--changed-since HEAD~1: 1 of 3 releases changed");
    assertThat(changed.out()).contains("web [prod]").doesNotContain("web [dev]");

    CliRun unknown =
        CliRun.of("audit", "--discover", repo.toString(), "--git-ref", "nope", "--offline");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.err()).startsWith("katafraktos: unknown git ref 'nope' in ");

    String status = git(repo, "status", "--porcelain");
    String head = git(repo, "rev-parse", "HEAD");
    CliRun commit =
        CliRun.of(
            "rewrite",
            "--discover",
            repo.toString(),
            "--mapping",
            "docker.io=harbor.example.com/hub",
            "--commit",
            "--branch",
            "images");
    assertThat(commit.exitCode()).as(commit.err() + commit.out()).isZero();
    assertThat(commit.out())
        .contains("Created branch images at ")
        .contains("HEAD, the index and the working tree are unchanged")
        .contains("git push origin images");
    assertThat(git(repo, "status", "--porcelain")).isEqualTo(status);
    assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(head);
    assertThat(git(repo, "show", "images:web/values-prod.yaml"))
        .isEqualTo("image: harbor.example.com/hub/library/nginx:1.28.0\n");
    assertThat(git(repo, "log", "-1", "--format=%B", "images"))
        .contains("- web [prod]: nginx:1.28.0 -> harbor.example.com/hub/library/nginx:1.28.0");

    // a dirty working tree: refused, nothing changed
    Files.writeString(repo.resolve("web/values-dev.yaml"), "image: nginx:1.29.0\n");
    CliRun dirty =
        CliRun.of(
            "rewrite",
            "--discover",
            repo.toString(),
            "--mapping",
            "docker.io=harbor.example.com/hub",
            "--commit",
            "--branch",
            "images-2");
    assertThat(dirty.exitCode()).isEqualTo(3);
    assertThat(dirty.err())
        .contains("has uncommitted changes: web/values-dev.yaml; commit or stash them first");
    assertThat(git(repo, "branch", "--list", "images-2")).isEmpty();
  }

  private static void assertUsage(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  /** A chart directory with dev and prod values, two commits: prod's image bumped in the second. */
  private Path gitRepository() throws Exception {
    assumeGit();
    Path repo = Files.createDirectories(temp.resolve("repo"));
    copy(REPOS.resolve("release-set/charts/web"), repo.resolve("web"));
    Files.writeString(repo.resolve("web/values-dev.yaml"), "image: nginx:1.27.0\n");
    Files.writeString(repo.resolve("web/values-prod.yaml"), "image: nginx:1.27.4\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "web, dev and prod");
    Files.writeString(repo.resolve("web/values-prod.yaml"), "image: nginx:1.28.0\n");
    git(repo, "commit", "-q", "-am", "bump prod");
    return repo;
  }

  private static void assumeGit() {
    boolean present =
        Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "git")));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("git not found; install it: apt-get install git");
    }
    assumeThat(present).as("git on PATH (apt-get install git)").isTrue();
  }

  private String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("HOME", temp.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Test");
    env.put("GIT_AUTHOR_EMAIL", "test@example.test");
    env.put("GIT_COMMITTER_NAME", "Test");
    env.put("GIT_COMMITTER_EMAIL", "test@example.test");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
