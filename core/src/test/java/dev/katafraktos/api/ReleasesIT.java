package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Releases: each chart rendered with its own values, name and namespace, audited together. */
class ReleasesIT {
  private final Path stringImage = RealTools.testdata().resolve("charts/string-image");
  private final Path example = RealTools.testdata().resolve("charts/example");

  @Test
  void list_releasesWithOwnOptions_renderEachWithItsOwn() throws Exception {
    Inventory inventory =
        Katafraktos.create()
            .list(
                ListRequest.ofReleases(
                    List.of(
                        new Release(
                            stringImage,
                            RenderOptions.builder()
                                .release("web")
                                .namespace("prod")
                                .set(List.of("image=harbor.corp/hub/library/nginx:1.27"))
                                .build(),
                            "charts/web"),
                        Release.of(stringImage, RenderOptions.defaults()),
                        Release.of(example, RenderOptions.builder().release("shop").build()))));

    assertThat(inventory.charts())
        .extracting(ChartInventory::chart, ChartInventory::release, ChartInventory::namespace)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("charts/web", "web", "prod"),
            org.assertj.core.groups.Tuple.tuple(stringImage.toString(), "release-name", "default"),
            org.assertj.core.groups.Tuple.tuple(example.toString(), "shop", "default"));
    assertThat(inventory.charts().get(0).images())
        .extracting(InventoryImage::image)
        .containsExactly("harbor.corp/hub/library/nginx:1.27");
    assertThat(inventory.charts().get(1).images())
        .extracting(InventoryImage::image)
        .containsExactly("nginx:1.27");
  }

  @Test
  void list_sameChartTwice_namesEachByNamespaceAndRelease() throws Exception {
    Inventory inventory =
        Katafraktos.create()
            .list(
                ListRequest.ofReleases(
                    List.of(
                        new Release(
                            stringImage, RenderOptions.builder().release("a").build(), "web"),
                        new Release(
                            stringImage,
                            RenderOptions.builder().release("b").namespace("ns").build(),
                            "web"))));

    assertThat(inventory.charts())
        .extracting(ChartInventory::chart)
        .containsExactly("web (default/a)", "web (ns/b)");
  }

  @Test
  void audit_releases_auditsTheCombinedInventory() throws Exception {
    AuditResult result =
        Katafraktos.create()
            .audit(
                new AuditRequest(
                    List.of(
                        new Release(
                            stringImage,
                            RenderOptions.builder()
                                .set(List.of("image=harbor.corp/hub/library/nginx:1.27"))
                                .build(),
                            "moved"),
                        new Release(stringImage, RenderOptions.defaults(), "unmoved")),
                    AuditConfig.builder().registry("harbor.corp").build(),
                    true,
                    null));

    assertThat(result.findings())
        .extracting(Finding::chart, Finding::ruleId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("unmoved", "external-registry"));
  }

  @Test
  void list_missingChart_namesTheRelease() {
    Path missing = stringImage.resolveSibling("no-such-chart");
    assertThatThrownBy(
            () ->
                Katafraktos.create()
                    .list(
                        ListRequest.ofReleases(
                            List.of(new Release(missing, RenderOptions.defaults(), "charts/x")))))
        .isInstanceOf(KatafraktosException.class)
        .satisfies(e -> assertThat(((KatafraktosException) e).chart()).isEqualTo("charts/x"))
        .hasMessageContaining("no-such-chart");
  }
}
