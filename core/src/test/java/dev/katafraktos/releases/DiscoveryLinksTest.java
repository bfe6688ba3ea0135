package dev.katafraktos.releases;

import static dev.katafraktos.releases.RepoFixture.application;
import static dev.katafraktos.releases.RepoFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links in a repository under discovery: one that leads outside (the file itself, a chart
 * directory, a directory on the way, a packaged chart, a template) makes discovery skip what uses
 * it, with the link and its target; one that stays inside is followed. Real links on a real file
 * system.
 */
class DiscoveryLinksTest {
  @TempDir Path temp;
  Path repo;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    repo = Files.createDirectories(temp.resolve("repo"));
    outside = Files.createDirectories(temp.resolve("outside"));
    RepoFixture.webChart(repo);
    write(outside, "values.yaml", "image: nginx:1.27.4\n");
  }

  @Test
  void discover_argoValuesFileLinkedOutside_skipsReleaseNamingLinkAndTarget() throws Exception {
    Files.createSymbolicLink(
        repo.resolve("charts/web/values-prod.yaml"), outside.resolve("values.yaml"));
    write(
        repo,
        "apps/web.yaml",
        application("web", "charts/web", "      valueFiles: [values-prod.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                repo.resolve("apps/web.yaml"),
                "Application web",
                "values file charts/web/values-prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository"));
  }

  @Test
  void discover_linkInsideRepository_isFollowed() throws Exception {
    write(repo, "shared/prod.yaml", "image: nginx:1.27.4\n");
    Files.createSymbolicLink(
        repo.resolve("charts/web/values-prod.yaml"), Path.of("../../shared/prod.yaml"));
    Files.createSymbolicLink(repo.resolve("web-alias"), Path.of("charts/web"));
    write(
        repo,
        "apps/web.yaml",
        application("web", "web-alias", "      valueFiles: [values-prod.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.skipped()).isEmpty();
    // the Application's release, then charts/web on its own (no declaration names that path)
    assertThat(found.releases())
        .extracting(Release::chart, Release::valuesFiles)
        .containsExactly(
            tuple(repo.resolve("web-alias"), List.of(repo.resolve("web-alias/values-prod.yaml"))),
            tuple(repo.resolve("charts/web"), List.of()),
            tuple(
                repo.resolve("charts/web"), List.of(repo.resolve("charts/web/values-prod.yaml"))));
  }

  @Test
  void discover_chartDirectoryLinkedOutside_skippedAndNotWalked() throws Exception {
    write(outside, "web/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 0.1.0\n");
    // an Application outside: the walk must not read it as the repository's
    write(outside, "web/app.yaml", application("stolen", "charts/web", ""));
    Files.createSymbolicLink(repo.resolve("charts/evil"), outside.resolve("web"));
    write(repo, "apps/evil.yaml", application("evil", "charts/evil", ""));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).extracting(Release::name).containsExactly("web");
    String target = outside.toRealPath().resolve("web").toString();
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                repo.resolve("charts/evil"),
                "directory",
                "directory charts/evil is a symbolic link to "
                    + target
                    + ", outside the repository; not read"),
            new Skipped(
                repo.resolve("apps/evil.yaml"),
                "Application evil",
                "path charts/evil is a symbolic link to " + target + ", outside the repository"));
  }

  @Test
  void discover_intermediateDirectoryLinkedOutside_namesTheDirectory() throws Exception {
    write(outside, "envs/prod.yaml", "image: nginx:1.27.4\n");
    Files.createSymbolicLink(repo.resolve("envs"), outside.resolve("envs"));
    write(
        repo,
        "apps/web.yaml",
        application("web", "charts/web", "      valueFiles: [/envs/prod.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly(
            "directory envs is a symbolic link to "
                + outside.toRealPath().resolve("envs")
                + ", outside the repository; not read",
            "values file envs/prod.yaml is under envs, a symbolic link to "
                + outside.toRealPath().resolve("envs")
                + ", outside the repository");
  }

  @Test
  void discover_templateLinkedOutside_skipsTheChart() throws Exception {
    write(outside, "secret.txt", "s3cr3t\n");
    Files.createDirectories(repo.resolve("charts/web/templates"));
    Files.createSymbolicLink(
        repo.resolve("charts/web/templates/leak.yaml"), outside.resolve("secret.txt"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple(
                "chart charts/web",
                "chart charts/web holds charts/web/templates/leak.yaml, a symbolic link to "
                    + outside.toRealPath().resolve("secret.txt")
                    + ", outside the repository"));
  }

  @Test
  void discover_chartDirectoryEnvironmentValuesLinkedOutside_onlyThatReleaseSkipped()
      throws Exception {
    Files.createSymbolicLink(
        repo.resolve("charts/web/values-prod.yaml"), outside.resolve("values.yaml"));

    Discovery found = ReleaseDiscovery.discover(repo);

    // helm loads every file of a chart directory, so the link makes the whole chart unusable
    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly(
            "chart charts/web holds charts/web/values-prod.yaml, a symbolic link to "
                + outside.toRealPath().resolve("values.yaml")
                + ", outside the repository");
  }

  @Test
  void discover_fluxPackagedChartLinkedOutside_skipped() throws Exception {
    write(outside, "web-0.1.0.tgz", "not really a tarball");
    Files.createSymbolicLink(
        repo.resolve("charts/web-0.1.0.tgz"), outside.resolve("web-0.1.0.tgz"));
    write(repo, "apps/web.yaml", fluxRelease("./charts/web-0.1.0.tgz", "[]"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases())
        .extracting(Release::chart)
        .containsExactly(repo.resolve("charts/web"));
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                repo.resolve("apps/web.yaml"),
                "HelmRelease apps/web",
                "chart charts/web-0.1.0.tgz is a symbolic link to "
                    + outside.toRealPath().resolve("web-0.1.0.tgz")
                    + ", outside the repository"));
  }

  @Test
  void discover_fluxValuesFileLinkedOutside_skipped() throws Exception {
    Files.createSymbolicLink(repo.resolve("prod.yaml"), outside.resolve("values.yaml"));
    write(repo, "apps/web.yaml", fluxRelease("./charts/web", "[prod.yaml]"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple(
                "file",
                "file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository; not read"),
            tuple(
                "HelmRelease apps/web",
                "values file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository"));
  }

  @Test
  void discover_helmfileValuesLinkedOutside_skippedAndNotInlined() throws Exception {
    Files.createSymbolicLink(repo.resolve("prod.yaml"), outside.resolve("values.yaml"));
    // an inline map first: helmfile would make discovery read the file to inline it
    write(
        repo,
        "helmfile.yaml",
        "releases:\n  - name: web\n    chart: ./charts/web\n    values:\n"
            + "      - replicaCount: 2\n      - prod.yaml\n");

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple(
                "file",
                "file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository; not read"),
            tuple(
                "helmfile release web",
                "values file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository"));
  }

  @Test
  void discover_manifestLinkedOutside_notRead() throws Exception {
    write(outside, "app.yaml", application("stolen", "charts/web", ""));
    Files.createDirectories(repo.resolve("apps"));
    Files.createSymbolicLink(repo.resolve("apps/stolen.yaml"), outside.resolve("app.yaml"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).extracting(Release::name).containsExactly("web");
    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly(
            "file apps/stolen.yaml is a symbolic link to "
                + outside.toRealPath().resolve("app.yaml")
                + ", outside the repository; not read");
  }

  @Test
  void discover_danglingLinkToOutside_refused() throws Exception {
    Files.createSymbolicLink(
        repo.resolve("charts/web/values-prod.yaml"), outside.resolve("missing.yaml"));
    write(
        repo,
        "apps/web.yaml",
        application("web", "charts/web", "      valueFiles: [values-prod.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly(
            "values file charts/web/values-prod.yaml is a symbolic link to "
                + outside.resolve("missing.yaml")
                + ", outside the repository");
  }

  @Test
  void discover_releaseSetValuesLinkedOutside_skipsTheList() throws Exception {
    Files.createSymbolicLink(repo.resolve("prod.yaml"), outside.resolve("values.yaml"));
    write(
        repo,
        "katafraktos.yaml",
        "releases:\n  - name: web\n    chart: charts/web\n    valuesFiles: [prod.yaml]\n");

    Discovery found = ReleaseDiscovery.discover(repo);

    // the list is strict, so none of it is used; the chart is then found on its own
    assertThat(found.releases()).extracting(Release::valuesFiles).containsExactly(List.of());
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple(
                "file",
                "file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository; not read"),
            tuple(
                "releases",
                "katafraktos.yaml:4:19: values file prod.yaml is a symbolic link to "
                    + outside.toRealPath().resolve("values.yaml")
                    + ", outside the repository (release web)"));
  }

  @Test
  void load_releaseSetChartLinkedOutsideItsGitRepository_isAnError() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    write(outside, "web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    Files.createSymbolicLink(repo.resolve("charts/evil"), outside.resolve("web"));
    Path file = repo.resolve("deploy/katafraktos.yaml");
    write(repo, "deploy/katafraktos.yaml", "releases:\n  - name: web\n    chart: ../charts/evil\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .isInstanceOf(ReleaseConfigException.class)
        .hasMessage(
            file
                + ":3:12: chart charts/evil is a symbolic link to "
                + outside.toRealPath().resolve("web")
                + ", outside the repository (release web)");
    // the same list without the link: ../ inside the repository is fine
    write(repo, "deploy/katafraktos.yaml", "releases:\n  - name: web\n    chart: ../charts/web\n");
    assertThat(ReleaseSetLoader.load(file))
        .extracting(Release::chart)
        .containsExactly(repo.resolve("charts/web"));
  }

  @Test
  void discover_gitTree_refusesEvenALinkInside() throws Exception {
    write(repo, "shared/prod.yaml", "image: nginx:1.27.4\n");
    Files.createSymbolicLink(
        repo.resolve("charts/web/values-prod.yaml"), Path.of("../../shared/prod.yaml"));
    write(
        repo,
        "apps/web.yaml",
        application("web", "charts/web", "      valueFiles: [values-prod.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(RepoRoot.gitTree(repo));

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly(
            "values file charts/web/values-prod.yaml is a symbolic link in git; a rewrite"
                + " committed to git does not follow links");
  }

  @Test
  void check_linkLoop_passesAsMissing() throws Exception {
    Files.createSymbolicLink(repo.resolve("a.yaml"), Path.of("b.yaml"));
    Files.createSymbolicLink(repo.resolve("b.yaml"), Path.of("a.yaml"));
    write(repo, "apps/web.yaml", application("web", "charts/web", "      valueFiles: [/a.yaml]\n"));

    Discovery found = ReleaseDiscovery.discover(repo);

    assertThat(found.skipped())
        .extracting(Skipped::reason)
        .containsExactly("values file a.yaml does not exist");
  }

  private static String fluxRelease(String chart, String valuesFiles) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
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
        .formatted(chart, valuesFiles);
  }
}
