package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.RateLimit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stand-in for Docker Hub's answers (Bearer challenge, ratelimit-* headers on the manifest HEAD,
 * 429 when the limit is used up), which the distribution registry does not send.
 */
class RegistryDockerHubHeadIT {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer hub;
  private String host;

  @BeforeEach
  void start() throws IOException {
    hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    host = "127.0.0.1:" + hub.getAddress().getPort();
    hub.createContext("/", this::answer);
    hub.start();
  }

  @AfterEach
  void stop() {
    hub.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    received.add(ex.getRequestMethod() + " " + path);
    var h = ex.getResponseHeaders();
    if (path.equals("/v2/")) {
      h.add("WWW-Authenticate", "Bearer realm=\"http://" + host + "/token\",service=\"hub\"");
      send(ex, 401, "{}");
    } else if (path.equals("/token")) {
      send(ex, 200, "{\"token\":\"t\",\"expires_in\":300}");
    } else if (path.endsWith("/manifests/latest")) {
      h.add("Docker-Content-Digest", DIGEST);
      h.add("Content-Type", ManifestPlatforms.OCI_INDEX);
      h.add("ratelimit-limit", "100;w=21600");
      h.add("ratelimit-remaining", "99;w=21600");
      send(ex, 200, "");
    } else {
      h.add("ratelimit-limit", "100;w=21600");
      h.add("ratelimit-remaining", "0;w=21600");
      send(ex, 429, "");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = "HEAD".equals(ex.getRequestMethod()) || bytes.length == 0;
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  private ImageChecker checker() throws RegistryConfigurationException {
    return Registries.checker(
        RegistrySettings.builder()
            .insecureHosts(Set.of(host))
            .headOnlyRegistries(Set.of(host))
            .maxRetries(0)
            .build());
  }

  @Test
  void check_headOnlyRegistry_readsDigestAndRateLimitFromHead() throws Exception {
    ImageCheck c;
    try (ImageChecker checker = checker()) {
      c = checker.check(ref(host, "library/busybox:latest"));
    }

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(c.digest()).isEqualTo(DIGEST);
    assertThat(c.mediaType()).isEqualTo(ManifestPlatforms.OCI_INDEX);
    assertThat(c.rateLimit()).isEqualTo(new RateLimit(100, 99, 21600));
    assertThat(received)
        .containsExactly("GET /v2/", "GET /token", "HEAD /v2/library/busybox/manifests/latest");
  }

  @Test
  void check_rateLimitExhausted_isErrorWithRemainingZero() throws Exception {
    ImageCheck c;
    try (ImageChecker checker = checker()) {
      c = checker.check(ref(host, "library/busybox:1.36"));
    }

    assertThat(c.availability()).isEqualTo(Availability.ERROR);
    assertThat(c.message()).contains("429");
    assertThat(c.rateLimit()).isEqualTo(new RateLimit(100, 0, 21600));
    assertThat(received).noneMatch(r -> r.startsWith("GET /v2/library"));
  }
}
