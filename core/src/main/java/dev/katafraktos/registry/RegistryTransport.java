package dev.katafraktos.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP for the registry package: one JDK {@link HttpClient} per checker (connections are reused),
 * its own TLS trust, the proxy from the JVM or the environment, timeouts, and retries on 429/5xx.
 */
final class RegistryTransport {
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
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new RegistryTransport(client, settings);
  }

  RegistrySettings settings() {
    return settings;
  }

  /**
   * Sends the request, trying again on 429 and 5xx as the retry policy allows.
   *
   * @return the last answer, which may still be a 429 or 5xx
   * @throws IOException when the server cannot be reached (DNS, connect, TLS, timeout)
   */
  HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    HttpRequest built =
        request.timeout(settings.readTimeout()).header("User-Agent", settings.userAgent()).build();
    for (int retry = 0; ; retry++) {
      HttpResponse<byte[]> response;
      try {
        response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + built.uri());
      }
      if (!RetryPolicy.retryable(response.statusCode()) || !retries.mayRetry(retry)) {
        return response;
      }
      String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
      sleep(retries.delay(retry, retryAfter, Instant.now()));
    }
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
