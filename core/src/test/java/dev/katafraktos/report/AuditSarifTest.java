package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.katafraktos.policy.Rule;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditSarifTest {
  private static final Path SCHEMA =
      Path.of(
          System.getProperty("katafraktos.testdata", "../testdata"),
          "sarif/sarif-schema-2.1.0.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void write_isValidAgainstTheSarif210Schema() throws Exception {
    assertThat(validate(AuditSarif.write(AuditFixtures.report()))).isEmpty();
    assertThat(validate(AuditSarif.write(AuditFixtures.offline()))).isEmpty();
  }

  @Test
  void schemaCheck_catchesABrokenLog() throws Exception {
    assertThat(validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}")).isNotEmpty();
  }

  @Test
  void write_rulesAreTheRuleIdsWithDescriptions() throws Exception {
    JsonNode driver =
        JSON.readTree(AuditSarif.write(AuditFixtures.report())).at("/runs/0/tool/driver");

    assertThat(driver.get("name").asText()).isEqualTo("Katafraktos");
    assertThat(driver.get("rules").findValuesAsText("id"))
        .containsExactlyElementsOf(Arrays.stream(Rule.values()).map(Rule::id).toList());
    assertThat(driver.at("/rules/0/shortDescription/text").asText()).isNotBlank();
    assertThat(driver.at("/rules/0/fullDescription/text").asText()).isNotBlank();
    assertThat(driver.at("/rules/6/defaultConfiguration/level").asText()).isEqualTo("none");
  }

  @Test
  void write_resultsLocatedAtTheTemplate() throws Exception {
    JsonNode results =
        JSON.readTree(AuditSarif.write(AuditFixtures.report())).at("/runs/0/results");

    assertThat(results).hasSize(7);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("external-registry");
    assertThat(first.get("ruleIndex").asInt()).isEqualTo(Rule.EXTERNAL_REGISTRY.ordinal());
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("charts/app/templates/my%20deployment.yaml");
    assertThat(first.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("Deployment/web/spec/template/spec/containers/0/image");
    assertThat(first.at("/properties/image").asText()).isEqualTo("nginx:1.27");
    assertThat(results.findValuesAsText("level")).contains("warning");
  }

  @Test
  void file_templateOfAChartDirectory_isUnderThatDirectory() {
    assertThat(AuditSarif.file("deploy/charts/shop", "shop/templates/web.yaml"))
        .isEqualTo("deploy/charts/shop/templates/web.yaml");
    assertThat(AuditSarif.file("charts/bitnami-nginx/", "nginx/charts/common/templates/x.yaml"))
        .isEqualTo("charts/bitnami-nginx/charts/common/templates/x.yaml");
    assertThat(AuditSarif.file("dist/shop-1.0.0.tgz", "shop/templates/web.yaml"))
        .isEqualTo("shop/templates/web.yaml");
  }

  @Test
  void write_neverPrintsSecrets() throws Exception {
    assertThat(AuditSarif.write(AuditFixtures.report())).doesNotContain(AuditFixtures.SECRET);
  }

  static Set<ValidationMessage> validate(String sarif) throws Exception {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    return schema.validate(JSON.readTree(sarif));
  }
}
