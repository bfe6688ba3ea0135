package dev.katafraktos.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Harbor that answers canned bodies on 127.0.0.1, for tests of {@link HarborClient}. Every body
 * is validated against the response schema the spec declares for its operation and status when it
 * is registered, so a test fails (in the test thread, not the server's) before a body Harbor would
 * never send is served. Requests are recorded with their raw, still-encoded paths.
 */
final class FakeHarbor implements AutoCloseable {
  static final String PROJECT = "/projects/{project_name_or_id}";
  static final String ARTIFACT =
      "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}";

  private static final SwaggerValidator SPEC =
      SwaggerValidator.load(RealTools.testdata().resolve("harbor/swagger.yaml"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_FOUND =
      "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"not found\"}]}";

  /** What the client sent: the raw path and query as they arrived, and two headers. */
  record Request(String method, String path, String query, String authorization, String isName) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeHarbor() throws IOException {
    List<String> problems = SPEC.validate(parse(NOT_FOUND), "#/definitions/Errors");
    if (!problems.isEmpty()) {
      throw new AssertionError("the default 404 body is not an Errors body: " + problems);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Answers {@code GET /api/v2.0/projects/<name>} (a name that needs no encoding). */
  FakeHarbor project(String name, int status, String body) {
    return answer(PROJECT, "/api/v2.0/projects/" + name, status, body);
  }

  /**
   * Answers a GET of {@code rawPath}, exactly as it must arrive (so still encoded), with a body
   * valid for the operation {@code pathTemplate} of the spec.
   */
  FakeHarbor answer(String pathTemplate, String rawPath, int status, String body) {
    List<String> problems = SPEC.validateResponse(pathTemplate, "GET", status, parse(body));
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "canned "
              + status
              + " body for GET "
              + pathTemplate
              + " is not what the spec allows: "
              + problems);
    }
    answers.put(rawPath, new Answer(status, body));
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            uri.getRawPath(),
            uri.getRawQuery(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("X-Is-Resource-Name")));
    Answer answer = answers.getOrDefault(uri.getRawPath(), new Answer(404, NOT_FOUND));
    byte[] body =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("canned body is not JSON: " + body, e);
    }
  }

  static SwaggerValidator spec() {
    return SPEC;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
