package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderedManifestsTest {
  private static final String OUTPUT =
      String.join(
          "\n",
          "---",
          "# Source: app/crds/crd.yaml",
          "kind: CustomResourceDefinition",
          "---",
          "# Source: app/templates/tests/test.yaml",
          "kind: Pod",
          "metadata:",
          "  annotations:",
          "    \"helm.sh/hook\": test",
          "---",
          "# Source: app/templates/deploy.yaml",
          "kind: Deployment",
          "---",
          "# Source: app/charts/sub/crds/other.yaml",
          "kind: CustomResourceDefinition",
          "---",
          "# Source: app/templates/crds/templated.yaml",
          "kind: CustomResourceDefinition",
          "");

  private static final ChartMetadata APP = new ChartMetadata("app", Map.of());

  @Test
  void assemble_defaults_dropCrdDirectoriesKeepTestsAndPutHooksLast() throws Exception {
    RenderedManifest manifest =
        RenderedManifests.assemble(RenderRequest.builder(Path.of("app")).build(), APP, OUTPUT);

    assertThat(manifest.documents())
        .extracting(RenderedDocument::source)
        .containsExactly(
            "app/templates/deploy.yaml",
            "app/templates/crds/templated.yaml",
            "app/templates/tests/test.yaml");
  }

  @Test
  void assemble_includeCrdsAndSkipTests_keepsCrdsDropsTests() throws Exception {
    RenderRequest request =
        RenderRequest.builder(Path.of("app")).includeCrds(true).skipTests(true).build();

    RenderedManifest manifest = RenderedManifests.assemble(request, APP, OUTPUT);

    assertThat(manifest.documents())
        .extracting(RenderedDocument::source)
        .containsExactly(
            "app/crds/crd.yaml",
            "app/templates/deploy.yaml",
            "app/charts/sub/crds/other.yaml",
            "app/templates/crds/templated.yaml");
  }

  @Test
  void assemble_dumpValues_takesTheValuesDocumentOut() throws Exception {
    String output =
        OUTPUT
            + "---\n# Source: app/templates/zz-katafraktos-values/values.yaml\n"
            + "kind: EffectiveValues\ndata: e30=\n";
    RenderRequest plain = RenderRequest.builder(Path.of("app")).build();
    RenderRequest dump = RenderRequest.builder(Path.of("app")).dumpValues(true).build();

    RenderedManifest dumped = RenderedManifests.assemble(dump, APP, output);

    assertThat(dumped.valuesJson()).isEqualTo("{}");
    assertThat(dumped.documents())
        .isEqualTo(RenderedManifests.assemble(plain, APP, OUTPUT).documents());
    assertThat(RenderedManifests.assemble(plain, APP, OUTPUT).valuesJson()).isNull();
  }
}
