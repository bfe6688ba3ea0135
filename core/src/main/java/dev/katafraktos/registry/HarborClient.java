package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.registry.HarborException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Asks Harbor's REST API ({@code /api/v2.0}, spec {@code testdata/harbor/swagger.yaml}) about
 * projects and artifacts. Not found is an empty answer; every other failure is a {@link
 * HarborException} whose {@link HarborException#kind() kind} tells unauthorized from unreachable.
 */
public final class HarborClient implements AutoCloseable {
  private final String base;
  private final HarborCredentials credentials;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param baseUrl where Harbor answers, e.g. {@code https://harbor.corp}; a path prefix is kept
   * @param credentials a user or robot account; null to ask anonymously (public projects only)
   * @param sslContext trust for a private CA; null for the JDK's default trust store
   */
  public HarborClient(
      URI baseUrl, HarborCredentials credentials, Duration timeout, SSLContext sslContext) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.base = withoutUserInfo(baseUrl);
    this.credentials = credentials;
    // redirects are not followed: the JDK would resend the Authorization header to any host
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.http = builder.build();
  }

  /**
   * Whether Harbor's API answers at the base URL: {@code GET /api/v2.0/ping} gives {@code Pong}
   * (anonymously, as Harbor allows). A plain registry answers 404 or nothing.
   */
  public boolean isHarbor() {
    String path = HarborPaths.BASE_PATH + "/ping";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
    try {
      HttpResponse<byte[]> response = send(request, path);
      return response.statusCode() == 200
          && new String(response.body(), StandardCharsets.UTF_8).contains("Pong");
    } catch (HarborException e) {
      return false;
    }
  }

  /**
   * The project of that name, or empty when Harbor has none (or hides it from these credentials).
   */
  public Optional<HarborProject> project(String name) throws HarborException {
    return get(HarborPaths.project(name), HarborJson::project);
  }

  /**
   * The artifact a tag or {@code sha256:} digest names, with its vulnerability scan overview.
   *
   * @param repository the repository path without the project, e.g. {@code bitnami/nginx}
   */
  public Optional<HarborArtifact> artifact(String project, String repository, String reference)
      throws HarborException {
    return get(HarborPaths.artifact(project, repository, reference), HarborJson::artifact);
  }

  private <T> Optional<T> get(String path, Function<JsonNode, T> reader) throws HarborException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            // a project named "123" would otherwise be read as project id 123
            .header("X-Is-Resource-Name", "true")
            .GET();
    if (credentials != null) {
      request.header("Authorization", credentials.basicAuthorization());
    }
    HttpResponse<byte[]> response = send(request.build(), path);
    int status = response.statusCode();
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw HarborErrors.status(
          base, path, status, new String(response.body(), StandardCharsets.UTF_8), credentials);
    }
    JsonNode body;
    try {
      body = RegistryJson.read(response.body());
    } catch (RegistryJson.UnreadableException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new HarborException(
          Kind.ERROR,
          answered(path)
              + " with a body that is not a JSON object; check that the URL is Harbor's");
    }
    return Optional.of(reader.apply(body));
  }

  /** How a message about Harbor's answer to {@code GET path} begins. */
  private String answered(String path) {
    return "Harbor at " + base + " answered GET " + HarborErrors.withoutQuery(path);
  }

  /** The base URL as messages show it: a user:password@ in it must not print. */
  private static String withoutUserInfo(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return url.getScheme() + "://" + url.getHost() + port + path;
  }

  private HttpResponse<byte[]> send(HttpRequest request, String path) throws HarborException {
    try {
      return http.send(request, BoundedBody.handler(BodyLimit.HARBOR_JSON));
    } catch (HttpTimeoutException e) {
      throw HarborErrors.unreachable(base, "no answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      if (BoundedBody.TooLargeException.in(e).isPresent()) {
        throw new HarborException(
            Kind.ERROR,
            answered(path)
                + " with more than "
                + BodyLimit.HARBOR_JSON.describe()
                + "; stopped reading it (no Harbor API answer is that large)");
      }
      throw HarborErrors.unreachable(base, HarborErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarborException(
          Kind.ERROR, "Interrupted while asking Harbor at " + base + " for " + path, e);
    }
  }

  /** Releases the HTTP client's threads and connections where the JDK allows it (Java 21+). */
  @Override
  public void close() {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing frees resources; there is nothing the caller could do about a failure
      }
    }
  }

  @Override
  public String toString() {
    return "HarborClient[" + base + (credentials == null ? "" : ", " + credentials) + "]";
  }
}
