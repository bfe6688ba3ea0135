package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ValuesDumpTest {

  @Test
  void templateName_isDeeperThanEveryFileOfTheChart() {
    assertThat(ValuesDump.templateName("app/", 2))
        .isEqualTo("app/templates/zz-katafraktos-values/values.yaml");
    assertThat(ValuesDump.templateName("app/", 5))
        .isEqualTo("app/templates/zz-katafraktos-values/x/x/x/values.yaml")
        .satisfies(name -> assertThat(name.chars().filter(c -> c == '/').count()).isEqualTo(6));
  }

  @Test
  void template_appliesTheFilterBeforeEncoding() {
    assertThat(ValuesDump.template(null)).contains("data: {{ .Values | toJson | b64enc }}\n");
    assertThat(ValuesDump.template("replace \"a\" \"b\""))
        .contains("data: {{ .Values | toJson | replace \"a\" \"b\" | b64enc }}\n");
  }

  @Test
  void isDump_onlyTheTopChartsTemplate() {
    assertThat(ValuesDump.isDump(document("app/templates/zz-katafraktos-values/x/values.yaml")))
        .isTrue();
    assertThat(
            ValuesDump.isDump(
                document("app/charts/sub/templates/zz-katafraktos-values/values.yaml")))
        .isFalse();
    assertThat(ValuesDump.isDump(document("app/templates/values.yaml"))).isFalse();
    assertThat(ValuesDump.isDump(new RenderedDocument(null, "kind: X\n"))).isFalse();
  }

  @Test
  void json_decodesTheData() throws RenderException {
    String json = "{\"image\":{\"tag\":\"1.0\"},\"note\":\"---\\n# Source: x\"}";
    String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    RenderedDocument document =
        new RenderedDocument(
            "app/templates/zz-katafraktos-values/values.yaml",
            "apiVersion: katafraktos.invalid/v1\nkind: EffectiveValues\ndata: " + encoded + "\n");

    assertThat(ValuesDump.json("app", document)).isEqualTo(json);
  }

  @Test
  void json_noDocument_namesTheTemplate() {
    assertThatThrownBy(() -> ValuesDump.json("charts/app", null))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("charts/app")
        .hasMessageContaining("templates/zz-katafraktos-values/")
        .hasMessageContaining(".helmignore");
  }

  @Test
  void json_emptyData_saysHelmPrintedNoJson() {
    RenderedDocument document = document("app/templates/zz-katafraktos-values/values.yaml");

    assertThatThrownBy(() -> ValuesDump.json("app", document))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("helm printed no JSON");
  }

  private static RenderedDocument document(String source) {
    return new RenderedDocument(source, "kind: EffectiveValues\ndata: \n");
  }
}
