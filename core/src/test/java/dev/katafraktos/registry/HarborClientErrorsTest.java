package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.katafraktos.registry.HarborException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarborClientErrorsTest {
  private static final HarborCredentials ROBOT = new HarborCredentials("robot$ci", "s3cret-42");

  private FakeHarbor harbor;
  private HarborClient client;

  @BeforeEach
  void start() throws IOException {
    harbor = new FakeHarbor();
    client = new HarborClient(harbor.url(), ROBOT, Duration.ofSeconds(5), null);
  }

  @AfterEach
  void stop() {
    client.close();
    harbor.close();
  }

  @Test
  void project_401_isUnauthorizedWithOneLineMessage() {
    harbor.project("p", 401, HarborBodies.errors("UNAUTHORIZED", "unauthorized"));

    HarborException e = catchThrowableOfType(HarborException.class, () -> client.project("p"));

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.getMessage())
        .isEqualTo(
            "Harbor at "
                + harbor.url()
                + " answered 401 to GET /api/v2.0/projects/p; check the credentials");
  }

  @Test
  void artifact_403_isUnauthorized() {
    String path = "/api/v2.0/projects/p/repositories/r/artifacts/1";
    harbor.answer(FakeHarbor.ARTIFACT, path, 403, HarborBodies.errors("FORBIDDEN", "forbidden"));

    HarborException e =
        catchThrowableOfType(HarborException.class, () -> client.artifact("p", "r", "1"));

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.getMessage()).contains("answered 403 to GET " + path + ";");
  }

  @Test
  void project_500_isErrorWithHarborsMessage() {
    harbor.project("p", 500, HarborBodies.errors("UNKNOWN", "database is down"));

    HarborException e = catchThrowableOfType(HarborException.class, () -> client.project("p"));

    assertThat(e.kind()).isEqualTo(Kind.ERROR);
    assertThat(e.getMessage())
        .endsWith("answered 500 to GET /api/v2.0/projects/p: database is down");
  }

  @Test
  void project_connectionRefused_isUnreachable() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (HarborClient nowhere = new HarborClient(closed, ROBOT, Duration.ofSeconds(5), null)) {
      HarborException e = catchThrowableOfType(HarborException.class, () -> nowhere.project("p"));

      assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage())
          .startsWith("Cannot reach Harbor at " + closed + " (connection refused);")
          .doesNotContain("\n");
    }
  }

  @Test
  void credentials_neverPrint() {
    harbor.project("p", 401, HarborBodies.errors("UNAUTHORIZED", "unauthorized"));
    HarborException e = catchThrowableOfType(HarborException.class, () -> client.project("p"));
    URI withUserInfo = URI.create("https://robot:s3cret-42@harbor.corp/");

    assertThat(ROBOT.toString()).isEqualTo("robot$ci:****");
    assertThat(client.toString()).doesNotContain("s3cret-42");
    assertThat(e.getMessage()).doesNotContain("s3cret-42");
    try (HarborClient c = new HarborClient(withUserInfo, null, Duration.ofSeconds(1), null)) {
      assertThat(c.toString()).isEqualTo("HarborClient[https://harbor.corp]");
    }
  }
}
