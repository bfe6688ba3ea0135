package dev.katafraktos.registry;

import static dev.katafraktos.registry.HarborBodies.NGINX_DIGEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarborClientArtifactTest {
  private static final String NGINX = "/api/v2.0/projects/library/repositories/nginx/artifacts/";
  private static final String SCANNED_HIGH =
      HarborBodies.overview(HarborBodies.VULN_REPORT, HarborBodies.summary("Success", "High"));

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
  void artifact_byTag_readsDigestTagsAndScan() throws Exception {
    serve(NGINX + "1.27", "library/nginx", tags("1.27", "stable"), SCANNED_HIGH);

    assertThat(client.artifact("library", "nginx", "1.27"))
        .contains(
            new HarborArtifact(
                NGINX_DIGEST,
                "application/vnd.oci.image.manifest.v1+json",
                List.of("1.27", "stable"),
                new HarborScan("Success", "High")));
    assertThat(harbor.requests().get(0).query()).isEqualTo("with_scan_overview=true");
  }

  @Test
  void artifact_byDigest_isAskedForByDigest() throws Exception {
    serve(NGINX + NGINX_DIGEST, "library/nginx", "[]", SCANNED_HIGH);

    HarborArtifact artifact = client.artifact("library", "nginx", NGINX_DIGEST).orElseThrow();

    assertThat(artifact.digest()).isEqualTo(NGINX_DIGEST);
    assertThat(artifact.tags()).isEmpty();
    assertThat(harbor.requests().get(0).path()).isEqualTo(NGINX + NGINX_DIGEST);
  }

  @Test
  void artifact_nestedRepository_isEncodedTwiceOnTheWire() throws Exception {
    String path =
        "/api/v2.0/projects/dockerhub-proxy/repositories/bitnami%252Fnginx/artifacts/1.27";
    serve(path, "dockerhub-proxy/bitnami/nginx", tags("1.27"), SCANNED_HIGH);

    assertThat(client.artifact("dockerhub-proxy", "bitnami/nginx", "1.27")).isPresent();
    assertThat(harbor.requests().get(0).path()).isEqualTo(path);
    assertThat(harbor.requests().get(0).query()).isEqualTo("with_scan_overview=true");
  }

  @Test
  void artifact_notFound_isEmpty() throws Exception {
    assertThat(client.artifact("library", "nginx", "9.9")).isEmpty();
  }

  @Test
  void artifact_neverScanned_hasNoScan() throws Exception {
    // Harbor leaves scan_overview out, or sends an empty map, when there is no report
    serve(NGINX + "1.27", "library/nginx", tags("1.27"), "{}");

    assertThat(client.artifact("library", "nginx", "1.27").orElseThrow().scan()).isNull();
  }

  @Test
  void artifact_scanFailed_hasErrorStatusAndNoSeverity() throws Exception {
    String failed =
        """
        {"report_id": "r1", "scan_status": "Error", "start_time": "2025-06-01T10:00:05Z",
         "end_time": "2025-06-01T10:00:06Z", "complete_percent": 0,
         "scanner": {"name": "Trivy", "vendor": "Aqua Security", "version": "v0.51.2"}}
        """;
    serve(NGINX + "1.27", "library/nginx", tags("1.27"), overview(failed));

    assertThat(client.artifact("library", "nginx", "1.27").orElseThrow().scan())
        .isEqualTo(new HarborScan("Error", null));
  }

  @Test
  void artifact_nativeReportType_isReadToo() throws Exception {
    String native_ =
        HarborBodies.overview(HarborBodies.NATIVE_REPORT, HarborBodies.summary("Success", "Low"));
    serve(NGINX + "1.27", "library/nginx", tags("1.27"), native_);

    assertThat(client.artifact("library", "nginx", "1.27").orElseThrow().scan())
        .isEqualTo(new HarborScan("Success", "Low"));
  }

  private void serve(String path, String repositoryName, String tags, String overview) {
    harbor.answer(
        FakeHarbor.ARTIFACT, path, 200, HarborBodies.artifact(repositoryName, tags, overview));
  }

  private static String overview(String summary) {
    return HarborBodies.overview(HarborBodies.VULN_REPORT, summary);
  }

  private static String tags(String... names) {
    StringBuilder json = new StringBuilder("[");
    for (String name : names) {
      json.append(json.length() > 1 ? "," : "").append(HarborBodies.tag(name));
    }
    return json.append("]").toString();
  }
}
