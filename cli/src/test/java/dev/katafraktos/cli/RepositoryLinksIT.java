package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewrite --discover} on a real git repository that a pull request filled with symbolic
 * links, run as a user runs it (the packaged CLI in its own JVM): no file outside the repository is
 * read or written, each skipped release says which link leads where, a link that stays inside is
 * followed, and {@code --commit} follows no link at all.
 */
class RepositoryLinksIT {
  private static final Path CHART =
      Path.of("..", "testdata", "repos", "release-set", "charts", "web");
  private static final String MAPPING = "docker.io=harbor.x/dh";
  private static final String REPO_URL = "https://git.example.com/team/deploy.git";

  @TempDir Path temp;
  Path repo;
  Path outside;
  Path outsideValues;
  String outsideHash;

  @BeforeEach
  void repository() throws Exception {
    assumeGit();
    repo = Files.createDirectories(temp.resolve("repo"));
    outside = Files.createDirectories(temp.resolve("outside"));
    outsideValues = outside.resolve("values.yaml");
    Files.writeString(outsideValues, "# someone else's file\nimage: nginx:1.27.4\n");
    outsideHash = sha256(outsideValues);
    copy(CHART, repo.resolve("charts/web"));
    Files.delete(repo.resolve("charts/web/values-prod.yaml"));
    Files.delete(repo.resolve("charts/web/values-dev.yaml"));
  }

  /** The measured case: values-prod.yaml links outside, an Application names it. */
  @Test
  void rewriteInPlace_valuesFileLinkedOutside_outsideUnchangedAndSkipNamesLink() throws Exception {
    link("charts/web/values-prod.yaml", outsideValues.toString());
    write("apps/web.yaml", application("web", "charts/web", "[values-prod.yaml]"));
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(sha256(outsideValues)).isEqualTo(outsideHash);
    assertThat(run.err())
        .contains(
            "  apps/web.yaml: Application web: values file charts/web/values-prod.yaml is a"
                + " symbolic link to "
                + outsideValues.toRealPath()
                + ", outside the repository");
    assertThat(run.out()).doesNotContain("harbor.x");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(repo.resolve("charts/web/values.yaml"))).doesNotContain("harbor");
  }

  @Test
  void rewriteInPlace_chartDirectoryLinkedOutside_outsideChartUntouched() throws Exception {
    copy(CHART, outside.resolve("web"));
    String before = sha256(outside.resolve("web/values.yaml"));
    link("charts/evil", outside.resolve("web").toString());
    write("apps/evil.yaml", application("evil", "charts/evil", "[]"));
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(sha256(outside.resolve("web/values.yaml"))).isEqualTo(before);
    assertThat(run.err())
        .contains(
            "  apps/evil.yaml: Application evil: path charts/evil is a symbolic link to "
                + outside.toRealPath().resolve("web")
                + ", outside the repository")
        .contains("  charts/evil: directory: directory charts/evil is a symbolic link to ");
    // the repository's own chart is still rewritten
    assertThat(Files.readString(repo.resolve("charts/web/values.yaml")))
        .contains("image: harbor.x/dh/library/nginx:1.27");
  }

  @Test
  void rewriteInPlace_intermediateDirectoryLinkedOutside_skipped() throws Exception {
    Files.createDirectories(outside.resolve("envs"));
    Files.writeString(outside.resolve("envs/prod.yaml"), "image: nginx:1.27.4\n");
    String before = sha256(outside.resolve("envs/prod.yaml"));
    link("envs", outside.resolve("envs").toString());
    write("apps/web.yaml", application("web", "charts/web", "[/envs/prod.yaml]"));
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(sha256(outside.resolve("envs/prod.yaml"))).isEqualTo(before);
    assertThat(run.err())
        .contains(
            "Application web: values file envs/prod.yaml is under envs, a symbolic link to "
                + outside.toRealPath().resolve("envs")
                + ", outside the repository");
  }

  @Test
  void rewriteInPlace_fluxPackagedChartAndValuesLinkedOutside_skipped() throws Exception {
    Files.writeString(outside.resolve("web-0.1.0.tgz"), "not read");
    link("charts/web-0.1.0.tgz", outside.resolve("web-0.1.0.tgz").toString());
    link("envs/prod.yaml", outsideValues.toString());
    write("apps/packaged.yaml", helmRelease("packaged", "./charts/web-0.1.0.tgz", "[]"));
    write("apps/web.yaml", helmRelease("web", "./charts/web", "[envs/prod.yaml]"));
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(sha256(outsideValues)).isEqualTo(outsideHash);
    assertThat(run.err())
        .contains(
            "HelmRelease apps/packaged: chart charts/web-0.1.0.tgz is a symbolic link to "
                + outside.toRealPath().resolve("web-0.1.0.tgz")
                + ", outside the repository")
        .contains(
            "HelmRelease apps/web: values file envs/prod.yaml is a symbolic link to "
                + outsideValues.toRealPath()
                + ", outside the repository");
  }

  @Test
  void rewriteInPlace_helmfileValuesLinkedOutside_skipped() throws Exception {
    link("envs/prod.yaml", outsideValues.toString());
    write(
        "helmfile.yaml",
        "releases:\n  - name: web\n    chart: ./charts/web\n    values: [envs/prod.yaml]\n");
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(sha256(outsideValues)).isEqualTo(outsideHash);
    assertThat(run.err())
        .contains(
            "helmfile.yaml: helmfile release web: values file envs/prod.yaml is a symbolic link to "
                + outsideValues.toRealPath()
                + ", outside the repository");
  }

  @Test
  void rewriteInPlace_linkInsideRepository_followedAndStaysALink() throws Exception {
    write("envs/prod.yaml", "image: nginx:1.27.4\n");
    link("charts/web/values-prod.yaml", "../../envs/prod.yaml");
    write("apps/web.yaml", application("web", "charts/web", "[values-prod.yaml]"));
    commitAll();

    CliRun run = rewriteInPlace();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("skipped");
    assertThat(Files.isSymbolicLink(repo.resolve("charts/web/values-prod.yaml"))).isTrue();
    assertThat(Files.readString(repo.resolve("envs/prod.yaml")))
        .isEqualTo("image: harbor.x/dh/library/nginx:1.27.4\n");
  }

  /** A file the user names is the user's choice: -f through a link to outside is edited. */
  @Test
  void rewriteChart_valuesFileNamedByTheUser_throughALink_isEdited() throws Exception {
    link("charts/web/values-prod.yaml", outsideValues.toString());

    CliRun run =
        PackagedCli.create()
            .jvm("-Xmx256m")
            .run(
                "rewrite",
                repo.resolve("charts/web").toString(),
                "-f",
                repo.resolve("charts/web/values-prod.yaml").toString(),
                "--in-place",
                "--mapping",
                MAPPING);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(Files.isSymbolicLink(repo.resolve("charts/web/values-prod.yaml"))).isTrue();
    assertThat(Files.readString(outsideValues))
        .isEqualTo("# someone else's file\nimage: harbor.x/dh/library/nginx:1.27.4\n");
  }

  @Test
  void rewriteCommit_linksInTheGitTree_neverFollowed() throws Exception {
    // a link inside (mode 120000), a link to an absolute path outside, a linked directory
    write("envs/prod.yaml", "image: nginx:1.27.4\n");
    link("charts/web/values-prod.yaml", "../../envs/prod.yaml");
    link("charts/web/values-qa.yaml", outsideValues.toString());
    link("aliased", "charts/web");
    write("apps/web.yaml", application("web", "charts/web", "[values-prod.yaml]"));
    write("apps/qa.yaml", application("qa", "charts/web", "[values-qa.yaml]"));
    write("apps/aliased.yaml", application("aliased", "aliased", "[]"));
    copy(CHART, repo.resolve("charts/api")); // no link: its release is rewritten and committed
    Files.delete(repo.resolve("charts/api/values-prod.yaml"));
    Files.delete(repo.resolve("charts/api/values-dev.yaml"));
    commitAll();
    String head = git("rev-parse", "HEAD").strip();
    assertThat(git("ls-files", "-s", "charts/web/values-prod.yaml")).startsWith("120000 ");

    CliRun run =
        PackagedCli.create()
            .jvm("-Xmx256m")
            .run(
                "rewrite",
                "--discover",
                repo.toString(),
                "--mapping",
                MAPPING,
                "--commit",
                "--branch",
                "images");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(sha256(outsideValues)).isEqualTo(outsideHash);
    assertThat(run.err())
        .contains(
            "apps/web.yaml: Application web: values file charts/web/values-prod.yaml is a symbolic"
                + " link in git; a rewrite committed to git does not follow links")
        .contains(
            "apps/qa.yaml: Application qa: values file charts/web/values-qa.yaml is a symbolic"
                + " link in git; a rewrite committed to git does not follow links")
        .contains(
            "apps/aliased.yaml: Application aliased: path aliased is a symbolic link in git; a"
                + " rewrite committed to git does not follow links");
    // only the chart without links changed; every link is the same blob, still a link
    assertThat(git("diff", "--name-only", "main", "images")).isEqualTo("charts/api/values.yaml\n");
    assertThat(git("show", "images:charts/api/values.yaml"))
        .contains("image: harbor.x/dh/library/nginx:1.27");
    assertThat(git("ls-tree", "images", "charts/web/values-prod.yaml", "aliased"))
        .isEqualTo(git("ls-tree", "main", "charts/web/values-prod.yaml", "aliased"))
        .contains("120000 blob");
    assertThat(git("rev-parse", "HEAD").strip()).isEqualTo(head);
    assertThat(Files.readString(repo.resolve("envs/prod.yaml"))).isEqualTo("image: nginx:1.27.4\n");
    assertThat(git("status", "--porcelain")).isEmpty();
  }

  private CliRun rewriteInPlace() throws IOException, InterruptedException {
    return PackagedCli.create()
        .jvm("-Xmx256m")
        .run("rewrite", "--discover", repo.toString(), "--in-place", "--mapping", MAPPING);
  }

  private static String application(String name, String path, String valueFiles) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: %s
        spec:
          source:
            repoURL: %s
            path: %s
            helm:
              valueFiles: %s
          destination:
            namespace: web
        """
        .formatted(name, REPO_URL, path, valueFiles);
  }

  private static String helmRelease(String name, String chart, String valuesFiles) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: %s
          namespace: apps
        spec:
          chart:
            spec:
              chart: %s
              valuesFiles: %s
              sourceRef:
                kind: GitRepository
                name: deploy
        """
        .formatted(name, chart, valuesFiles);
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void link(String path, String target) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, Path.of(target));
  }

  private void commitAll() throws Exception {
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "a pull request");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
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

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
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
