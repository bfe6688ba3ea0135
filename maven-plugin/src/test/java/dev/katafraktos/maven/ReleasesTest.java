package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.api.RendererKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasesTest {
  private static final RenderSettings EMBEDDED =
      new RenderSettings(RendererKind.EMBEDDED, null, "1.33.0", java.util.List.of(), true, false);

  @TempDir Path project;

  @BeforeEach
  void charts() throws IOException {
    Files.createDirectories(project.resolve("charts/web"));
    Files.createDirectories(project.resolve("charts/api"));
    Files.writeString(project.resolve("values-prod.yaml"), "image: nginx:1.27\n");
  }

  @Test
  void resolve_release_mapsEveryField() throws Exception {
    Release release = new Release();
    release.chart = new File("charts/web");
    release.name = "web";
    release.namespace = "shop";
    release.valuesFiles = List.of(new File("values-prod.yaml"));
    release.set = Map.of("replicas", "3");
    release.setString = Map.of("tag", " 1.10 ");

    List<dev.katafraktos.api.Release> releases =
        Releases.resolve(project, List.of(release), null, EMBEDDED);

    assertThat(releases).hasSize(1);
    dev.katafraktos.api.Release r = releases.get(0);
    assertThat(r.chart()).isEqualTo(project.resolve("charts/web"));
    assertThat(r.displayName()).isEqualTo("charts/web");
    RenderOptions options = r.render();
    assertThat(options.release()).isEqualTo("web");
    assertThat(options.namespace()).isEqualTo("shop");
    assertThat(options.valuesFiles()).containsExactly(project.resolve("values-prod.yaml"));
    assertThat(options.set()).containsExactly("replicas=3");
    assertThat(options.setString()).containsExactly("tag=1.10");
    assertThat(options.kubeVersion()).isEqualTo("1.33.0");
    assertThat(options.includeCrds()).isTrue();
    assertThat(options.renderer()).isEqualTo(RendererKind.EMBEDDED);
  }

  @Test
  void resolve_quickCharts_comeAfterTheReleasesWithDefaults() throws Exception {
    Release release = new Release();
    release.chart = project.resolve("charts/web").toFile(); // Maven hands over absolute files

    List<dev.katafraktos.api.Release> releases =
        Releases.resolve(project, List.of(release), List.of(new File("charts/api")), EMBEDDED);

    assertThat(releases)
        .extracting(dev.katafraktos.api.Release::displayName)
        .containsExactly("charts/web", "charts/api");
    assertThat(releases.get(1).render().release()).isNull();
    assertThat(releases.get(1).render().valuesFiles()).isEmpty();
  }

  @Test
  void resolve_chartOutsideTheProject_isNamedByItsAbsolutePath() throws Exception {
    Path outside = Files.createTempDirectory("chart");
    try {
      List<dev.katafraktos.api.Release> releases =
          Releases.resolve(project, null, List.of(outside.toFile()), EMBEDDED);

      assertThat(releases.get(0).displayName()).isEqualTo(outside.toString());
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void resolve_nothingConfigured_saysHowToConfigure() {
    assertThatThrownBy(() -> Releases.resolve(project, List.of(), List.of(), EMBEDDED))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageStartingWith("No chart configured; add <releases><release><chart>DIR");
  }

  @Test
  void resolve_releaseWithoutChart_namesTheRelease() {
    Release first = new Release();
    first.chart = new File("charts/web");
    Release second = new Release();

    assertThatThrownBy(() -> Releases.resolve(project, List.of(first, second), null, EMBEDDED))
        .hasMessage("<release> number 2 has no <chart>; name a chart directory or .tgz");
  }

  @Test
  void resolve_missingChartOrValuesFile_namesItAndThePlaceToFix() {
    Release missingChart = new Release();
    missingChart.chart = new File("charts/missing");
    Release missingValues = new Release();
    missingValues.chart = new File("charts/web");
    missingValues.valuesFiles = List.of(new File("values-typo.yaml"));

    assertThatThrownBy(() -> Releases.resolve(project, List.of(missingChart), null, EMBEDDED))
        .hasMessage(
            "Chart charts/missing not found ("
                + project.resolve("charts/missing")
                + "); check <chart>");
    assertThatThrownBy(
            () -> Releases.resolve(project, null, List.of(new File("charts/x")), EMBEDDED))
        .hasMessageEndingWith("); check katafraktos.charts");
    assertThatThrownBy(() -> Releases.resolve(project, List.of(missingValues), null, EMBEDDED))
        .hasMessage(
            "Values file values-typo.yaml of chart charts/web not found ("
                + project.resolve("values-typo.yaml")
                + "); check <valuesFiles>");
  }

  @Test
  void renderer_namesAndHelmBinary() throws Exception {
    assertThat(RenderSettings.renderer(null, null)).isEqualTo(RendererKind.EMBEDDED);
    assertThat(RenderSettings.renderer("helm", null)).isEqualTo(RendererKind.HELM);
    assertThat(RenderSettings.renderer("embedded", Path.of("/usr/bin/helm")))
        .isEqualTo(RendererKind.HELM);
    assertThatThrownBy(() -> RenderSettings.renderer("helm3", null))
        .hasMessage("renderer 'helm3' is not known; use embedded (the default) or helm");
  }
}
