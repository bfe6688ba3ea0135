package dev.katafraktos.registry;

import static dev.katafraktos.registry.SecretRedactionTest.CANARY;
import static dev.katafraktos.registry.SecretRedactionTest.ESCAPED_CANARY;
import static dev.katafraktos.registry.SecretRedactionTest.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile registry on a loopback port quotes the Authorization header it got back in its error
 * bodies (raw, decoded, URL-encoded, and padded so that a length limit cuts through it): the
 * registry checker's messages and Harbor's errors carry none of it. The CLI and Maven ITs run the
 * same attack end to end; this one is quick enough for every build.
 */
class HostileEchoTest {
  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void check_basicRegistryQuotingTheHeaderIn500_messageHasNoSecret() throws Exception {
    for (String secret : List.of(CANARY, ESCAPED_CANARY)) {
      String host = start(false, 0);

      ImageCheck c = check(host, secret);

      assertThat(received).anyMatch(a -> a.endsWith(":" + secret));
      assertThat(c.availability()).isEqualTo(Availability.ERROR);
      assertThat(c.message()).contains("Basic ****");
      assertNoSecret(c.message(), "user", secret);
      stop();
    }
  }

  @Test
  void check_tokenRealmQuotingTheHeaderCutByTheLengthLimit_messageHasNoSecret() throws Exception {
    for (int padding = 0; padding < 200; padding += 7) {
      String host = start(true, padding);

      ImageCheck c = check(host, ESCAPED_CANARY);

      assertThat(received).anyMatch(a -> a.endsWith(":" + ESCAPED_CANARY));
      assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
      assertNoSecret(c.message(), "user", ESCAPED_CANARY);
      assertThat(c.message()).as("padding %d", padding).doesNotContain("kfk");
      stop();
    }
  }

  @Test
  void harbor_apiQuotingTheHeaderIn500_exceptionHasNoSecret() throws Exception {
    String host = start(false, 0);
    try (HarborClient harbor =
        new HarborClient(
            URI.create("http://" + host),
            new HarborCredentials("user", CANARY),
            Duration.ofSeconds(10),
            null)) {
      assertThatThrownBy(() -> harbor.project("team"))
          .isInstanceOf(HarborException.class)
          .satisfies(e -> assertNoSecret(e.getMessage(), "user", CANARY))
          .hasMessageContaining("Basic ****");
    }
    assertThat(received).contains("user:" + CANARY);
  }

  private ImageCheck check(String host, String secret) throws Exception {
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(host))
            .maxRetries(0)
            .credentials(
                RegistryCredentials.explicit(Map.of(host, new RegistryCredential("user", secret))))
            .build();
    try (ImageChecker checker = Registries.checker(settings)) {
      return checker.check(ImageRef.parseNormalized(host + "/team/web:1.0.0"));
    }
  }

  /**
   * {@code bearer}: {@code /v2/} names {@code /token} as its realm, which refuses with a quote of
   * the header after {@code padding} characters; else {@code /v2/} asks for Basic and everything
   * else is a 500 quoting it.
   */
  private String start(boolean bearer, int padding) throws IOException {
    received.clear();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String self = "127.0.0.1:" + server.getAddress().getPort();
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          if (auth != null) {
            received.add(decode(auth));
          }
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/v2/") && auth == null) {
            exchange
                .getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    bearer
                        ? "Bearer realm=\"http://" + self + "/token\",service=\"echo\""
                        : "Basic realm=\"echo\"");
            send(exchange, 401, "{}");
          } else if (path.equals("/token")) {
            send(exchange, 401, "x".repeat(padding) + " refused " + quote(auth));
          } else {
            String message = quote(auth).replace("\\", "\\\\").replace("\"", "\\\"");
            send(
                exchange,
                500,
                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"" + message + "\"}]}");
          }
        });
    server.start();
    return self;
  }

  private static String quote(String auth) {
    if (auth == null) {
      return "no Authorization";
    }
    String decoded = decode(auth);
    return auth + " = " + decoded + " = " + URLEncoder.encode(decoded, StandardCharsets.UTF_8);
  }

  private static String decode(String auth) {
    return auth.startsWith("Basic ")
        ? new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
        : auth;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
