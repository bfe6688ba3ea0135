package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarborClientProjectTest {
  private FakeHarbor harbor;
  private HarborClient client;

  @BeforeEach
  void start() throws IOException {
    harbor = new FakeHarbor();
    client = new HarborClient(harbor.url(), null, Duration.ofSeconds(5), null);
  }

  @AfterEach
  void stop() {
    client.close();
    harbor.close();
  }

  @Test
  void project_exists_readsIdAndMetadataStrings() throws Exception {
    harbor.project(
        "library",
        200,
        HarborBodies.project(
            "library",
            1,
            """
            {"public": "false", "prevent_vul": "true", "severity": "high", "auto_scan": "true"}
            """));

    assertThat(client.project("library"))
        .contains(new HarborProject("library", 1, null, true, "high", true));
  }

  @Test
  void project_metadataUnsetOrFalse_meansNoPolicy() throws Exception {
    harbor.project("open", 200, HarborBodies.project("open", 5, "{\"prevent_vul\": \"false\"}"));

    HarborProject project = client.project("open").orElseThrow();

    assertThat(project.preventVulnerableImages()).isFalse();
    assertThat(project.severityThreshold()).isNull();
    assertThat(project.autoScan()).isFalse();
    assertThat(project.proxyCache()).isFalse();
  }

  @Test
  void project_withRegistryId_isProxyCache() throws Exception {
    harbor.project("dockerhub-proxy", 200, HarborBodies.proxyProject("dockerhub-proxy", 2, 1));

    HarborProject project = client.project("dockerhub-proxy").orElseThrow();

    assertThat(project.proxyCache()).isTrue();
    assertThat(project.registryId()).isEqualTo(1L);
    assertThat(project.severityThreshold()).isEqualTo("high");
  }

  @Test
  void project_notFound_isEmpty() throws Exception {
    harbor.project("nope", 404, HarborBodies.errors("NOT_FOUND", "project nope not found"));

    assertThat(client.project("nope")).isEmpty();
  }

  @Test
  void project_sendsNameAsResourceName_andNoCredentialsWhenAnonymous() throws Exception {
    client.project("123");

    FakeHarbor.Request request = harbor.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v2.0/projects/123");
    assertThat(request.isName()).isEqualTo("true");
    assertThat(request.authorization()).isNull();
  }

  @Test
  void project_withCredentials_sendsBasicAuth() throws Exception {
    try (HarborClient robot =
        new HarborClient(
            harbor.url(),
            new HarborCredentials("robot$ci", "s3cret"),
            Duration.ofSeconds(5),
            null)) {
      robot.project("library");
    }

    // base64("robot$ci:s3cret")
    assertThat(harbor.requests().get(0).authorization()).isEqualTo("Basic cm9ib3QkY2k6czNjcmV0");
  }
}
