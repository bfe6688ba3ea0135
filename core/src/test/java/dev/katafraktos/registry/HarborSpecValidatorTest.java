package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The validator behind {@link FakeHarbor} can fail: otherwise its passes would prove nothing. */
class HarborSpecValidatorTest {
  private static final SwaggerValidator SPEC = FakeHarbor.spec();

  @Test
  void validate_cannedBodies_pass() throws IOException {
    assertThat(
            SPEC.validate(
                json(HarborBodies.project("library", 1, "{\"public\": \"true\"}")),
                "#/definitions/Project"))
        .isEmpty();
    assertThat(SPEC.validate(json(HarborBodies.proxyProject("hub", 2, 1)), "#/definitions/Project"))
        .isEmpty();
    String scanned =
        HarborBodies.overview(HarborBodies.VULN_REPORT, HarborBodies.summary("Success", "High"));
    String artifact =
        HarborBodies.artifact("library/nginx", "[" + HarborBodies.tag("1.27") + "]", scanned);
    assertThat(SPEC.validate(json(artifact), "#/definitions/Artifact")).isEmpty();
  }

  @Test
  void validate_metadataBooleanInsteadOfString_fails() throws IOException {
    String body = HarborBodies.project("library", 1, "{\"prevent_vul\": true}");

    assertThat(SPEC.validate(json(body), "#/definitions/Project"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("$.metadata.prevent_vul: expected string");
  }

  @Test
  void validate_wrongTypesAndUndeclaredProperties_fail() throws IOException {
    JsonNode body =
        json("{\"project_id\": \"1\", \"registryId\": 3, \"current_user_role_ids\": [\"a\"]}");

    assertThat(SPEC.validate(body, "#/definitions/Project"))
        .containsExactlyInAnyOrder(
            "$.project_id: expected integer (int32), got STRING \"1\"",
            "$.registryId: property not declared by the spec",
            "$.current_user_role_ids[0]: expected integer (int32), got STRING \"a\"");
  }

  @Test
  void validate_mapValuesAndNulls_followAdditionalPropertiesAndXNullable() throws IOException {
    JsonNode overview = json("{\"" + HarborBodies.VULN_REPORT + "\": {\"scan_status\": 3}}");
    assertThat(SPEC.validate(overview, "#/definitions/ScanOverview")).hasSize(1);

    assertThat(SPEC.validate(json("{\"severity\": null}"), "#/definitions/ProjectMetadata"))
        .isEmpty();
    assertThat(SPEC.validate(json("{\"public\": null}"), "#/definitions/ProjectMetadata"))
        .containsExactly("$.public: null where the spec allows no null (no x-nullable)");
    assertThat(SPEC.validate(json("{\"push_time\": \"yesterday\"}"), "#/definitions/Artifact"))
        .hasSize(1);
  }

  /** The spec says every extra_attrs value is an object; Harbor sends "architecture": "amd64". */
  @Test
  void validate_extraAttrsWithStrings_failsAsTheSpecIsStricterThanHarbor() throws IOException {
    JsonNode body = json("{\"extra_attrs\": {\"architecture\": \"amd64\", \"config\": {}}}");

    assertThat(SPEC.validate(body, "#/definitions/Artifact"))
        .containsExactly("$.extra_attrs.architecture: expected object, got STRING \"amd64\"");
  }

  @Test
  void responseSchema_undeclaredErrorStatus_fallsBackToSharedErrorsResponse() {
    // getProject declares 200, 401 and 500 only, yet Harbor answers 404 for an unknown name
    assertThat(SPEC.responseSchema(FakeHarbor.PROJECT, "GET", 404).path("$ref").asText())
        .isEqualTo("#/definitions/Errors");
    assertThatThrownBy(() -> SPEC.responseSchema(FakeHarbor.PROJECT, "GET", 302))
        .hasMessageContaining("declares no 302");
  }

  @Test
  void fakeHarbor_invalidCannedBody_isRefusedBeforeItIsServed() throws IOException {
    try (FakeHarbor harbor = new FakeHarbor()) {
      assertThatThrownBy(
              () -> harbor.project("p", 200, "{\"name\": \"p\", \"registry_id\": \"2\"}"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("$.registry_id: expected integer");
      assertThatThrownBy(() -> harbor.project("p", 401, "{\"message\": \"unauthorized\"}"))
          .hasMessageContaining("$.message: property not declared");
    }
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }
}
