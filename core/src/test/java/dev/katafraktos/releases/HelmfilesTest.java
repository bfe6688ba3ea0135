package dev.katafraktos.releases;

import static dev.katafraktos.releases.RepoFixture.REPOS;
import static dev.katafraktos.releases.RepoFixture.origin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helmfile releases: the layout in {@code testdata/repos/helmfile}, then one case each. */
class HelmfilesTest {
  @TempDir Path root;

  @BeforeEach
  void chart() throws Exception {
    RepoFixture.webChart(root);
  }

  @Test
  void discover_helmfile_readsLocalChartsAndSkipsTemplatesAndRemoteCharts() {
    Path root = REPOS.resolve("helmfile");
    Path helmfile = root.resolve("helmfile.yaml");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases())
        .containsExactly(
            new Release(
                "web",
                "web",
                root.resolve("charts/web"),
                List.of(root.resolve("charts/web/values-prod.yaml")),
                List.of("podAnnotations:\n  team: shop\n"),
                List.of("image=nginx:1.27.5", "podAnnotations.owners={alice,bob}"),
                List.of(),
                null,
                "prod",
                origin(helmfile, Kind.HELMFILE)),
            new Release(
                "api",
                null,
                root.resolve("charts/api"),
                List.of(),
                List.of("image:\n  tag: \"1.27.5\"\n", "cache:\n  image:\n    tag: \"7.4.3\"\n"),
                List.of(),
                List.of(),
                null,
                null,
                origin(helmfile, Kind.HELMFILE)));
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                root.resolve("helmfile.d/extra.yaml.gotmpl"),
                "helmfile",
                "it is a Go template (.gotmpl); templated helmfiles are not rendered"),
            new Skipped(
                helmfile,
                "helmfile environments",
                "environment values reach only templates, which are not rendered;"
                    + " each release is discovered once, without an environment"),
            new Skipped(
                helmfile,
                "helmfile release redis",
                "chart bitnami/redis from Helm repository https://charts.bitnami.com/bitnami"
                    + " is not available offline"),
            new Skipped(
                helmfile,
                "helmfile release preview",
                "it uses Go template expressions, which are not rendered"),
            new Skipped(helmfile, "helmfile release legacy", "installed: false"));
  }

  @Test
  void discover_helmfileMissingValuesFile_skipsThatRelease() throws Exception {
    write(
        "helmfile.yaml",
        "releases:\n  - name: web\n    chart: charts/web\n    values: [values/prod.yaml]\n");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases()).isEmpty();
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                root.resolve("helmfile.yaml"),
                "helmfile release web",
                "values file values/prod.yaml does not exist"));
  }

  @Test
  void discover_packagedChart_isTheTgzFile_andTheDirectoryStaysAChartOfItsOwn() throws Exception {
    write("charts/web-0.1.0.tgz", "discovery does not open it");
    write("helmfile.yaml", "releases:\n  - name: packaged\n    chart: ./charts/web-0.1.0.tgz\n");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases())
        .containsExactly(
            Release.of(
                "packaged",
                null,
                root.resolve("charts/web-0.1.0.tgz"),
                List.of(),
                null,
                origin(root.resolve("helmfile.yaml"), Kind.HELMFILE)),
            Release.of(
                "web",
                null,
                root.resolve("charts/web"),
                List.of(),
                null,
                origin(root.resolve("charts/web/Chart.yaml"), Kind.CHART_DIR)));
  }

  private void write(String path, String text) throws Exception {
    RepoFixture.write(root, path, text);
  }
}
