package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
  @Test
  void write_documentedShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(AuditJson.write(AuditFixtures.report()));

    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.at("/summary/errors").asInt()).isEqualTo(6);
    assertThat(root.at("/summary/byRule/external-registry").asInt()).isEqualTo(3);
    assertThat(root.at("/dockerHub/pulls").asInt()).isEqualTo(2);
    assertThat(root.at("/dockerHub/rateLimit/remaining").asInt()).isEqualTo(61);
    assertThat(root.at("/charts/0/chart").asText()).isEqualTo("charts/app");
    JsonNode nginx = root.at("/charts/0/images/0");
    assertThat(nginx.get("image").asText()).isEqualTo("nginx:1.27");
    assertThat(nginx.get("reference").asText()).isEqualTo("docker.io/library/nginx:1.27");
    assertThat(nginx.get("target").asText()).isEqualTo("harbor.example.com/hub/library/nginx:1.27");
    assertThat(nginx.at("/check/availability").asText()).isEqualTo("present");
    assertThat(nginx.at("/targetCheck/availability").asText()).isEqualTo("missing");
    assertThat(nginx.get("harborRefusal").isNull()).isTrue();
    assertThat(nginx.at("/occurrences/0/source").asText())
        .isEqualTo("app/templates/my deployment.yaml");
    JsonNode invalid = root.at("/charts/0/images/3");
    assertThat(invalid.get("reference").isNull()).isTrue();
    assertThat(invalid.get("check").isNull()).isTrue();
    JsonNode finding = root.at("/findings/0");
    assertThat(finding.get("ruleId").asText()).isEqualTo("external-registry");
    assertThat(finding.get("severity").asText()).isEqualTo("error");
    assertThat(finding.get("chart").asText()).isEqualTo("charts/app");
    assertThat(finding.at("/location/path").asText())
        .isEqualTo("/spec/template/spec/containers/0/image");
    assertThat(root.get("findings")).hasSize(7);
  }

  @Test
  void write_neverPrintsSecrets() throws Exception {
    assertThat(AuditJson.write(AuditFixtures.report()))
        .doesNotContain(AuditFixtures.SECRET)
        .contains("https://****@harbor.example.com/v2/");
  }
}
