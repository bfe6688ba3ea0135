package dev.katafraktos.releases;

import static dev.katafraktos.releases.RepoFixture.REPOS;
import static dev.katafraktos.releases.RepoFixture.origin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flux HelmReleases: the layout in {@code testdata/repos/flux}, then one case each. */
class FluxHelmReleasesTest {
  @TempDir Path root;

  @BeforeEach
  void chart() throws Exception {
    RepoFixture.webChart(root);
  }

  @Test
  void discover_flux_readsGitRepositoryChartsAndValuesFromTheRepository() {
    Path root = REPOS.resolve("flux");
    Path apps = root.resolve("apps");

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases())
        .containsExactly(
            new Release(
                "api-prod-api",
                "api-prod",
                root.resolve("charts/api"),
                List.of(),
                List.of("image:\n  tag: \"1.27.5\"\n"),
                List.of(),
                List.of(),
                null,
                null,
                origin(apps.resolve("api/helmrelease.yaml"), Kind.FLUX)),
            new Release(
                "web",
                "apps",
                root.resolve("charts/web"),
                List.of(
                    root.resolve("charts/web/values.yaml"),
                    root.resolve("charts/web/values-prod.yaml")),
                List.of("image: nginx:1.27.4-alpine\n", "image: nginx:1.27.5\n"),
                List.of(),
                List.of(),
                null,
                "prod",
                origin(apps.resolve("web/helmrelease.yaml"), Kind.FLUX)));
    assertThat(found.skipped())
        .containsExactly(
            new Skipped(
                apps.resolve("podinfo/release.yaml"),
                "HelmRelease apps/podinfo",
                "chart podinfo from HelmRepository apps/podinfo is not available offline"),
            new Skipped(
                apps.resolve("podinfo/release.yaml"),
                "HelmRelease apps/metrics",
                "chartRef OCIRepository flux-system/metrics-server is not available offline"),
            new Skipped(
                apps.resolve("web/helmrelease.yaml"),
                "valuesFrom ConfigMap apps/web-overrides of HelmRelease apps/web",
                "no manifest in this repository defines ConfigMap apps/web-overrides"));
  }

  @Test
  void discover_fluxChartRefToAHelmChartInTheRepository_isResolved() throws Exception {
    write(
        "apps/web.yaml",
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: web, namespace: apps}
        spec:
          chart: ./charts/web
          sourceRef: {kind: GitRepository, name: flux-system}
          valuesFiles: [./charts/web/values.yaml]
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: apps}
        spec:
          releaseName: shop-web
          chartRef: {kind: HelmChart, name: web}
        """);

    List<Release> releases = ReleaseDiscovery.discover(root).releases();

    assertThat(releases)
        .containsExactly(
            new Release(
                "shop-web",
                "apps",
                root.resolve("charts/web"),
                List.of(root.resolve("charts/web/values.yaml")),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                origin(root.resolve("apps/web.yaml"), Kind.FLUX)));
  }

  @Test
  void discover_fluxSecrets_base64DataIsDecoded_sopsIsSkipped() throws Exception {
    String encoded =
        Base64.getEncoder()
            .encodeToString("image: nginx:1.27.5\n".getBytes(StandardCharsets.UTF_8));
    write(
        "apps/web.yaml",
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: apps}
        spec:
          chart:
            spec:
              chart: charts/web
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
          valuesFrom:
            - {kind: Secret, name: plain}
            - {kind: Secret, name: sealed}
            - {kind: ConfigMap, name: plain-cm, valuesKey: other.yaml}
            - {kind: ConfigMap, name: plain-cm, targetPath: image}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: plain}
        data:
          values.yaml: %s
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: sealed, namespace: apps}
        data:
          values.yaml: ENC[AES256_GCM,data:abc]
        sops:
          version: 3.9.0
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: plain-cm, namespace: apps}
        data: {values.yaml: "a: 1"}
        """
            .formatted(encoded));

    Discovery found = ReleaseDiscovery.discover(root);

    assertThat(found.releases().get(0).inlineValues()).containsExactly("image: nginx:1.27.5\n");
    assertThat(found.skipped())
        .extracting(Skipped::what, Skipped::reason)
        .containsExactly(
            tuple(
                "valuesFrom Secret apps/sealed of HelmRelease apps/web",
                "Secret apps/sealed (apps/web.yaml) is encrypted with SOPS"),
            tuple(
                "valuesFrom ConfigMap apps/plain-cm of HelmRelease apps/web",
                "ConfigMap apps/plain-cm (apps/web.yaml) has no data key other.yaml"),
            tuple(
                "valuesFrom ConfigMap apps/plain-cm of HelmRelease apps/web",
                "values with a targetPath are not applied"));
  }

  private void write(String path, String text) throws Exception {
    RepoFixture.write(root, path, text);
  }
}
