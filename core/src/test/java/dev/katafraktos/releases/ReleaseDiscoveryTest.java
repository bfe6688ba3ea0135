package dev.katafraktos.releases;

import static dev.katafraktos.releases.RepoFixture.REPOS;
import static dev.katafraktos.releases.RepoFixture.application;
import static dev.katafraktos.releases.RepoFixture.origin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin;
import dev.katafraktos.model.ReleaseOrigin.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk, plain chart directories and {@code katafraktos.yaml} release lists. */
class ReleaseDiscoveryTest {
  @TempDir Path root;

  @BeforeEach
  void chart() throws Exception {
    RepoFixture.webChart(root);
  }

  @Test
  void discover_plainCharts_oneReleasePerEnvironmentValuesFile() {
    Path root = REPOS.resolve("charts");
    ReleaseOrigin shop = origin(root.resolve("shop/Chart.yaml"), Kind.CHART_DIR);
    ReleaseOrigin web = origin(root.resolve("web/Chart.yaml"), Kind.CHART_DIR);

    Discovery found = ReleaseDiscovery.discover(root);

    // shop/charts/redis is shop's subchart, not a release of its own
    assertThat(found.releases())
        .containsExactly(
            Release.of("shop", null, root.resolve("shop"), List.of(), null, shop),
            Release.of(
                "shop",
                null,
                root.resolve("shop"),
                List.of(root.resolve("shop/values-prod.yaml")),
                "prod",
                shop),
            Release.of("web", null, root.resolve("web"), List.of(), null, web),
            Release.of(
                "web",
                null,
                root.resolve("web"),
                List.of(root.resolve("web/values-dev.yaml")),
                "dev",
                web),
            Release.of(
                "web",
                null,
                root.resolve("web"),
                List.of(root.resolve("web/values.prod.yaml")),
                "prod",
                web));
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                root.resolve("libs/common/Chart.yaml"),
                "chart libs/common",
                "a library chart renders nothing on its own"));
  }

  @Test
  void discover_releaseSet_usesTheListAndNotTheChartDirectories() {
    Path root = REPOS.resolve("release-set");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases()).hasSize(2);
    assertThat(found.releases()).extracting(Release::name).containsExactly("web", "web-dev");
    assertThat(found.releases())
        .extracting(r -> r.origin().kind())
        .containsOnly(Kind.KATAFRAKTOS_YAML);
    assertThat(found.skipped()).isEmpty();
  }

  @Test
  void discover_hiddenDirectoriesAndNodeModules_areNotWalked() throws Exception {
    write(".github/app.yaml", application("hidden", "charts/web", ""));
    write("node_modules/pkg/app.yaml", application("vendored", "charts/web", ""));
    write(".hidden-chart/Chart.yaml", "apiVersion: v2\nname: hidden\nversion: 0.1.0\n");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases()).extracting(Release::name).containsExactly("web");
    assertThat(found.releases().get(0).origin().kind()).isEqualTo(Kind.CHART_DIR);
  }

  @Test
  void discover_brokenReleaseSet_isSkippedWithFileLineColumn() throws Exception {
    write("katafraktos.yaml", "releases:\n  - name: web\n    chart: charts/web\n    sett: {}\n");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                root.resolve("katafraktos.yaml"),
                "releases",
                "katafraktos.yaml:4:5: unknown key 'sett' in release web; expected one of chart,"
                    + " environment, kubeVersion, name, namespace, set, setString, valuesFiles"));
    // the chart is still found on its own
    assertThat(found.releases()).extracting(Release::name).containsExactly("web");
  }

  @Test
  void discover_notUtf8_isSkipped() throws Exception {
    Files.createDirectories(root.resolve("apps"));
    Files.write(root.resolve("apps/latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                root.resolve("apps/latin1.yaml"), "file", "apps/latin1.yaml is not UTF-8 text"));
  }

  @Test
  void discover_notADirectory_saysSo() {
    assertThatThrownBy(() -> ReleaseDiscovery.discover(root.resolve("charts/web/values.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void discover_symbolicLinkBackUpTheTree_isWalkedOnce() throws Exception {
    Files.createSymbolicLink(root.resolve("charts/loop"), root);

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases()).extracting(Release::name).containsExactly("web");
    assertThat(found.skipped()).isEmpty();
  }

  private void write(String path, String text) throws Exception {
    RepoFixture.write(root, path, text);
  }
}
