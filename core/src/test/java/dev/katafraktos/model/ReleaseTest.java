package dev.katafraktos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest {
  private static final ReleaseOrigin ORIGIN =
      ReleaseOrigin.of(Path.of("apps/web.yaml"), ReleaseOrigin.Kind.ARGOCD);

  @Test
  void of_noNamespace_isDefault() {
    assertThat(Release.of("web", null, Path.of("charts/web"), List.of(), null, ORIGIN).namespace())
        .isEqualTo("default");
    assertThat(Release.of("web", " ", Path.of("charts/web"), List.of(), null, ORIGIN).namespace())
        .isEqualTo("default");
  }

  @Test
  void lists_areCopiedOnTheWayIn() {
    List<Path> files = new ArrayList<>(List.of(Path.of("values-prod.yaml")));
    List<String> set = new ArrayList<>(List.of("a=1"));

    Release release =
        new Release(
            "web", "web", Path.of("c"), files, List.of(), set, List.of(), null, "prod", ORIGIN);
    files.clear();
    set.add("b=2");

    assertThat(release.valuesFiles()).containsExactly(Path.of("values-prod.yaml"));
    assertThat(release.set()).containsExactly("a=1");
  }

  @Test
  void nameChartAndOrigin_areRequired() {
    assertThatThrownBy(() -> Release.of(null, null, Path.of("c"), List.of(), null, ORIGIN))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> Release.of("web", null, null, List.of(), null, ORIGIN))
        .hasMessage("chart");
    assertThatThrownBy(() -> Release.of("web", null, Path.of("c"), List.of(), null, null))
        .hasMessage("origin");
  }

  @Test
  void originDisplay_kindAndSlashedPath_aKatafraktosYamlByItsPath() {
    assertThat(
            ReleaseOrigin.of(Path.of("apps", "prod", "web.yaml"), ReleaseOrigin.Kind.ARGOCD)
                .display())
        .isEqualTo("argocd apps/prod/web.yaml");
    assertThat(
            ReleaseOrigin.of(Path.of("katafraktos.yaml"), ReleaseOrigin.Kind.KATAFRAKTOS_YAML)
                .display())
        .isEqualTo("katafraktos.yaml");
  }

  @Test
  void originKinds_haveTheirShortIds() {
    assertThat(ReleaseOrigin.Kind.values())
        .extracting(ReleaseOrigin.Kind::id)
        .containsExactly("katafraktos.yaml", "argocd", "flux", "helmfile", "chart-dir");
  }
}
