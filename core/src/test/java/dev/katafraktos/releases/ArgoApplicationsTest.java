package dev.katafraktos.releases;

import static dev.katafraktos.releases.RepoFixture.REPO;
import static dev.katafraktos.releases.RepoFixture.REPOS;
import static dev.katafraktos.releases.RepoFixture.application;
import static dev.katafraktos.releases.RepoFixture.origin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argo CD Applications: the app-of-apps in {@code testdata/repos/argocd}, then one case each. */
class ArgoApplicationsTest {
  @TempDir Path root;

  @BeforeEach
  void chart() throws Exception {
    RepoFixture.webChart(root);
  }

  @Test
  void discover_argoAppOfApps_findsEveryChildAndSaysWhyTheRestIsSkipped() {
    Path root = REPOS.resolve("argocd");
    Path children = root.resolve("apps/children");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases())
        .containsExactly(
            new Release(
                "api",
                "default",
                root.resolve("charts/api"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "1.31.0",
                null,
                origin(children.resolve("api.yaml"), Kind.ARGOCD)),
            new Release(
                "shop-prod",
                "shop",
                root.resolve("charts/shop"),
                List.of(root.resolve("envs/prod/shop.yaml")),
                List.of(
                    "web:\n  replicaCount: 3   # more for prod\n  image:\n    tag: \"1.27.5\"\n"),
                List.of(),
                List.of(),
                null,
                null,
                origin(children.resolve("shop.yaml"), Kind.ARGOCD)),
            new Release(
                "web",
                "web",
                root.resolve("charts/web"),
                List.of(
                    root.resolve("charts/web/values-prod.yaml"),
                    root.resolve("envs/prod/web.yaml")),
                List.of("image: nginx:1.27.5\n"),
                List.of("image=nginx:1.27.6"),
                List.of("podLabels.version=1.0"),
                null,
                "prod",
                origin(children.resolve("web.yaml"), Kind.ARGOCD)),
            Release.of(
                "bootstrap",
                null,
                root.resolve("charts/bootstrap"),
                List.of(),
                null,
                origin(root.resolve("charts/bootstrap/Chart.yaml"), Kind.CHART_DIR)));
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                children.resolve("api.yaml"),
                "valueFiles entry values-prod.yaml of Application api",
                "values file charts/api/values-prod.yaml does not exist;"
                    + " ignoreMissingValueFiles leaves it out, as Argo CD does"),
            new Skipped(
                children.resolve("broken.yaml"),
                "file",
                "invalid YAML at apps/children/broken.yaml:8:10: mapping values are not allowed here"),
            new Skipped(
                children.resolve("platform.yaml"),
                "Application redis",
                "chart redis from Helm repository https://charts.bitnami.com/bitnami"
                    + " is not available offline"),
            new Skipped(
                children.resolve("platform.yaml"),
                "ApplicationSet previews",
                "ApplicationSet generators are not expanded"),
            new Skipped(
                root.resolve("apps/root.yaml"),
                "Application root",
                "path apps/children has no Chart.yaml: a directory or Kustomize source is not a"
                    + " Helm release (Applications in it are found on their own)"),
            new Skipped(
                root.resolve("charts/bootstrap/Chart.yaml"),
                "chart charts/bootstrap",
                "its templates render Argo CD Applications (a templated app-of-apps);"
                    + " the Applications it renders are not discovered"));
  }

  @Test
  void discover_argoValuesObject_winsOverValues_andParametersEscapeCommas() throws Exception {
    write(
        "apps/web.yaml",
        application(
            "web",
            "charts/web",
            """
                  values: |
                    ignored: true
                  valuesObject: {image: "nginx:1.27.5", tolerations: []}
                  parameters:
                    - name: list
                      value: "{a,b}"
                    - name: escaped
                      value: 'a\\,b,c'
            """));

    Release web = ReleaseDiscovery.discover(root).releases().get(0);

    assertThat(web.inlineValues()).containsExactly("{image: \"nginx:1.27.5\", tolerations: []}\n");
    assertThat(web.set()).containsExactly("list={a,b}", "escaped=a\\,b\\,c");
  }

  @Test
  void discover_argoFailures_areSkippedAndTheirChartIsNotRediscovered() throws Exception {
    write(
        "apps/missing-values.yaml",
        application("missing-values", "charts/web", "      valueFiles: [values-qa.yaml]\n"));
    write("apps/missing-path.yaml", application("missing-path", "charts/nope", ""));
    write("apps/outside.yaml", application("outside", "../elsewhere", ""));
    write(
        "apps/other-repo.yaml",
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: other-repo}
        spec:
          sources:
            - repoURL: %s
              path: charts/web
              helm:
                valueFiles: [$config/web.yaml, $nope/web.yaml]
            - repoURL: https://git.example.com/team/config.git
              ref: config
        """
            .formatted(REPO));

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple("Application missing-path", "path charts/nope does not exist in this repository"),
            tuple(
                "Application missing-values",
                "values file charts/web/values-qa.yaml does not exist"),
            tuple(
                "Application other-repo (source 1)",
                "valueFiles entry $config/web.yaml comes from repository"
                    + " https://git.example.com/team/config.git, not from the chart's repository "
                    + REPO),
            tuple("Application outside", "path ../elsewhere is outside the repository"));
  }

  @Test
  void discover_argoMultiSource_givesOneReleasePerChartSource() throws Exception {
    write("charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 0.1.0\n");
    write(
        "apps/pair.yaml",
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: pair}
        spec:
          destination: {namespace: pair}
          sources:
            - {repoURL: %1$s, path: charts/web}
            - {repoURL: %1$s, path: charts/api, helm: {releaseName: pair-api}}
        """
            .formatted(REPO));

    List<Release> releases = ReleaseDiscovery.discover(root).releases();

    assertThat(releases)
        .extracting(Release::name, Release::namespace, r -> root.relativize(r.chart()).toString())
        .containsExactly(
            tuple("pair", "pair", "charts/web"), tuple("pair-api", "pair", "charts/api"));
  }

  @Test
  void sameRepository_httpsAndScpLikeUrls() {
    assertThat(
            ArgoApplications.sameRepository(
                "https://github.com/Org/Repo.git", "git@github.com:org/repo"))
        .isTrue();
    assertThat(
            ArgoApplications.sameRepository(
                "ssh://git@github.com/org/repo", "https://github.com/org/repo/"))
        .isTrue();
    assertThat(
            ArgoApplications.sameRepository("https://github.com/org/a", "https://github.com/org/b"))
        .isFalse();
  }

  private void write(String path, String text) throws Exception {
    RepoFixture.write(root, path, text);
  }
}
