package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderExceptionTest {

  @Test
  void fromHelmError_nestedIncludes_namesInnermostTemplateAndRootCause() {
    String helm =
        "template: redis/templates/replicas/application.yaml:55:35: executing \"redis/templates/replicas/application.yaml\" at <include (print $.Template.BasePath \"/secret.yaml\") .>: error calling include: template: redis/charts/common/templates/_secrets.tpl:103:20: executing \"common.secrets.passwords.manage\" at <lookup \"v1\" \"Secret\" (include \"common.names.namespace\" .context) .secret>: error calling lookup: unable to get apiresource\n\nUse --debug flag to render out invalid YAML";

    RenderException e = RenderException.fromHelmError("charts/redis", helm);

    assertThat(e.template()).isEqualTo("redis/charts/common/templates/_secrets.tpl:103:20");
    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot render chart charts/redis: template redis/charts/common/templates/_secrets.tpl:103:20: error calling lookup: unable to get apiresource");
  }

  @Test
  void fromHelmError_requiredValue_keepsTheChartsMessage() {
    String helm =
        "Error: execution error at (broken/templates/deployment.yaml:7:20): image.tag is required";

    RenderException e = RenderException.fromHelmError("broken", helm);

    assertThat(e.template()).isEqualTo("broken/templates/deployment.yaml:7:20");
    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot render chart broken: template broken/templates/deployment.yaml:7:20: image.tag is required");
  }

  @Test
  void fromHelmError_parseError_namesTemplateAndLine() {
    String helm = "Error: parse error at (broken/templates/cm.yaml:3): unexpected \"}\" in operand";

    RenderException e = RenderException.fromHelmError("broken", helm);

    assertThat(e.getMessage()).contains("broken/templates/cm.yaml:3").contains("unexpected");
    assertThat(e.getMessage().lines()).hasSize(1);
  }

  @Test
  void failMessageOnTheFollowingLines_isTheCause() {
    // what helm 3.17.3 prints when bitnami/nginx refuses a substituted image (abridged)
    String helm =
        "Error: execution error at (nginx/templates/NOTES.txt:79:4): \n\n"
            + "⚠ ERROR: Original containers have been substituted for unrecognized ones.\n\n"
            + "Unrecognized images:\n  - docker.iozkx1z/bitnami/nginx:1.29.1\n";

    RenderException e = RenderException.fromHelmError("charts/nginx", helm);

    assertThat(e.template()).isEqualTo("nginx/templates/NOTES.txt:79:4");
    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot render chart charts/nginx: template nginx/templates/NOTES.txt:79:4: "
                + "⚠ ERROR: Original containers have been substituted for unrecognized ones.");
  }
}
