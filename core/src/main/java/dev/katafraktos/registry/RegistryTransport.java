package dev.katafraktos.registry;

import dev.katafraktos.model.Availability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP for the registry package: one JDK {@link HttpClient} per checker (connections are reused),
 * its own TLS trust, the proxy from the JVM or the environment, timeouts, retries on 429/5xx,
 * redirects followed here and bodies read with a cap.
 *
 * <p>Redirects are not left to the JDK: its client sends the request's headers, Authorization
 * included, to wherever a redirect points. Registries redirect blob (and some manifest) requests to
 * object stores and CDNs, so a registry, or anyone who can answer for it, could collect the
 * credentials. Here credentials stay with the origin they were given for (scheme, host and port),
 * as Go's net/http, and so docker and containerd, drop them for another host; an https answer may
 * not send us to plain HTTP unless the user listed that host as insecure (a downgrade would let
 * anyone on the path choose the digest that a rewrite pins).
 */
final class RegistryTransport {
  /** Go's net/http stops after 10 redirects too. */
  static final int MAX_REDIRECTS = 10;

  /** Headers that carry a credential and so never follow a redirect to another origin. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie");

  private final HttpClient client;
  private final RegistrySettings settings;
  private final RetryPolicy retries;

  private RegistryTransport(HttpClient client, RegistrySettings settings) {
    this.client = client;
    this.settings = settings;
    this.retries =
        new RetryPolicy(
            settings.maxRetries(),
            settings.maxRetryDelay(),
            () -> ThreadLocalRandom.current().nextDouble());
  }

  static RegistryTransport create(RegistrySettings settings) throws RegistryConfigurationException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .sslContext(TrustedCertificates.context(settings.caFile()))
            .proxy(ProxySettings.selector(System.getenv()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RegistryTransport(client, settings);
  }

  RegistrySettings settings() {
    return settings;
  }

  /**
   * Sends the request without credentials; see {@link #send(HttpRequest.Builder, String,
   * BodyLimit)}.
   */
  HttpResponse<byte[]> send(HttpRequest.Builder request, BodyLimit limit)
      throws IOException, CheckFailure {
    return send(request, null, limit);
  }

  /**
   * Sends the request, following redirects and trying again on 429 and 5xx as the retry policy
   * allows.
   *
   * @param authorization the Authorization header for the request's own origin, or null; it is
   *     dropped at the first redirect to another origin
   * @param limit the most a 200 body may hold
   * @return the last answer, which may still be a 429, a 5xx, or a 3xx without Location
   * @throws IOException when the server cannot be reached (DNS, connect, TLS, timeout)
   * @throws CheckFailure {@link Availability#BLOCKED} when a guard refuses: credentials over plain
   *     HTTP, a downgrading or looping redirect, a body over {@code limit}
   */
  HttpResponse<byte[]> send(HttpRequest.Builder request, String authorization, BodyLimit limit)
      throws IOException, CheckFailure {
    return send(request, authorization, limit, null);
  }

  /**
   * Like {@link #send(HttpRequest.Builder, String, BodyLimit)}, but the body of a 200 answer is
   * streamed: the caller reads it (a blob of any size) and must close it. Other answers are read
   * into memory, cut as error bodies are.
   */
  HttpResponse<InputStream> stream(HttpRequest.Builder request, String authorization)
      throws IOException, CheckFailure {
    HttpResponse.BodyHandler<InputStream> handler =
        info ->
            info.statusCode() == 200
                ? HttpResponse.BodySubscribers.ofInputStream()
                : HttpResponse.BodySubscribers.mapping(
                    BoundedBody.handler(BodyLimit.PING).apply(info), ByteArrayInputStream::new);
    return send(request, authorization, BodyLimit.PING, handler);
  }

  /**
   * Sends a request that writes (POST, PUT, PATCH, DELETE) once, as built: no redirect is followed
   * (a registry that redirects an upload elsewhere gets the answer back as it is) and, unless
   * {@code replayable}, no retry, since a streamed body cannot be sent twice.
   */
  HttpResponse<byte[]> write(HttpRequest request, String authorization, boolean replayable)
      throws IOException, CheckFailure {
    HttpRequest sent = withAuthorization(prepared(request, authorization), authorization);
    HttpResponse.BodyHandler<byte[]> handler = BoundedBody.handler(BodyLimit.PING);
    if (replayable) {
      return sendWithRetries(sent, handler, BodyLimit.PING);
    }
    return sendOnce(sent, handler, BodyLimit.PING);
  }

  private <T> HttpResponse<T> send(
      HttpRequest.Builder request,
      String authorization,
      BodyLimit limit,
      HttpResponse.BodyHandler<T> streaming)
      throws IOException, CheckFailure {
    HttpRequest hop = prepared(request.timeout(settings.readTimeout()).build(), authorization);
    for (int redirects = 0; ; redirects++) {
      HttpRequest sent = withAuthorization(hop, authorization);
      HttpResponse<T> response =
          streaming != null
              ? sendWithRetries(sent, redirectsDiscarded(streaming), limit)
              : cast(
                  sendWithRetries(
                      sent, BoundedBody.handler(limit, "HEAD".equals(sent.method())), limit));
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if (!isRedirect(status) || location == null) {
        return response;
      }
      if (redirects == MAX_REDIRECTS) {
        throw blocked(
            Origins.authority(hop.uri())
                + " redirected more than "
                + MAX_REDIRECTS
                + " times; stopped following");
      }
      URI next = resolve(hop.uri(), location);
      if (!Origins.same(hop.uri(), next)) {
        authorization = null;
      }
      String method = status == 303 && !"HEAD".equals(hop.method()) ? "GET" : hop.method();
      hop =
          HttpRequest.newBuilder(hop, (name, value) -> true)
              .uri(next)
              .method(method, HttpRequest.BodyPublishers.noBody())
              .build();
    }
  }

  /**
   * The request with our User-Agent and without any credential header of its own (the credential is
   * added per hop); refused when {@code authorization} would go over plain HTTP to a host not
   * listed as insecure.
   */
  private HttpRequest prepared(HttpRequest request, String authorization) throws CheckFailure {
    HttpRequest hop =
        HttpRequest.newBuilder(
                request,
                (name, value) -> !CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
            .setHeader("User-Agent", settings.userAgent())
            .build();
    if (authorization != null
        && !Origins.mayCarryCredentials(hop.uri(), settings.insecureHosts())) {
      throw blocked(
          "Not sending credentials to "
              + Origins.authority(hop.uri())
              + " over plain HTTP; it is not listed as an insecure registry");
    }
    return hop;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The Location of a redirect, resolved against the request (RFC 9110 section 10.2.2). */
  private URI resolve(URI from, String location) throws CheckFailure {
    URI next;
    try {
      next = from.resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw blocked(
          Origins.authority(from) + " redirected to a Location that is not a URI; not following");
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || next.getHost() == null) {
      throw blocked(
          Origins.authority(from) + " redirected to a URL that is not http(s); not following");
    }
    if (scheme.equals("http")
        && "https".equalsIgnoreCase(from.getScheme())
        && !Origins.listedInsecure(next, settings.insecureHosts())) {
      throw blocked(
          Origins.authority(from)
              + " redirected from HTTPS to plain HTTP at "
              + Origins.authority(next)
              + "; not following (list "
              + Origins.authority(next)
              + " as an insecure registry if you trust that network path)");
    }
    return next;
  }

  private static HttpRequest withAuthorization(HttpRequest request, String authorization) {
    if (authorization == null) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header("Authorization", authorization)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T> HttpResponse<T> cast(HttpResponse<byte[]> response) {
    return (HttpResponse<T>) (HttpResponse<?>) response;
  }

  /** The body of a redirect is never read by the caller: it is discarded, not streamed. */
  private static <T> HttpResponse.BodyHandler<T> redirectsDiscarded(
      HttpResponse.BodyHandler<T> handler) {
    return info ->
        isRedirect(info.statusCode())
            ? HttpResponse.BodySubscribers.replacing(null)
            : handler.apply(info);
  }

  private <T> HttpResponse<T> sendWithRetries(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, BodyLimit limit)
      throws IOException, CheckFailure {
    for (int retry = 0; ; retry++) {
      HttpResponse<T> response = sendOnce(request, handler, limit);
      if (!RetryPolicy.retryable(response.statusCode())
          || !retries.mayRetry(retry)
          || pullLimitSpent(response)) {
        return response;
      }
      if (response.body() instanceof InputStream body) {
        body.close();
      }
      String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
      sleep(retries.delay(retry, retryAfter, Instant.now()));
    }
  }

  /**
   * A 429 that says no pull is left in the window (Docker Hub's {@code ratelimit-remaining: 0}):
   * the window lasts hours, so trying again in seconds only delays the report.
   */
  private static boolean pullLimitSpent(HttpResponse<?> response) {
    if (response.statusCode() != 429) {
      return false;
    }
    dev.katafraktos.model.RateLimit limit = RateLimits.from(response.headers());
    return limit != null && limit.remaining() <= 0;
  }

  private <T> HttpResponse<T> sendOnce(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, BodyLimit limit)
      throws IOException, CheckFailure {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.uri());
    } catch (IOException e) {
      if (BoundedBody.TooLargeException.in(e).isPresent()) {
        throw blocked(
            Origins.authority(request.uri())
                + " sent a "
                + limit.what()
                + " over the "
                + limit.describe()
                + " limit; stopped reading it");
      }
      throw e;
    }
  }

  private static CheckFailure blocked(String message) {
    return new CheckFailure(Availability.BLOCKED, message);
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  void close() {
    // HttpClient has no close() before Java 21; its threads end when it is unreachable
  }
}
