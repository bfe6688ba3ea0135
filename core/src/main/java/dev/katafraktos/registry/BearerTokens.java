package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.model.Availability;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Bearer tokens of one registry's token service (Docker token auth, as Harbor and Docker Hub use
 * it), one per repository scope, fetched once and shared by every check of that repository until it
 * expires.
 */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MARGIN_SECONDS = 10;

  private record Token(String value, Instant expires) {}

  private final RegistryTransport transport;
  private final WwwAuthenticate challenge;
  private final Optional<RegistryCredential> credential;
  private final Map<String, CompletableFuture<Token>> byScope = new ConcurrentHashMap<>();

  BearerTokens(
      RegistryTransport transport,
      WwwAuthenticate challenge,
      Optional<RegistryCredential> credential) {
    this.transport = transport;
    this.challenge = challenge;
    this.credential = credential;
  }

  /** The token for {@code repository:NAME:pull}. */
  String pullToken(String repository) throws IOException, CheckFailure {
    String scope = "repository:" + repository + ":pull";
    while (true) {
      CompletableFuture<Token> mine = new CompletableFuture<>();
      CompletableFuture<Token> existing = byScope.putIfAbsent(scope, mine);
      if (existing == null) {
        try {
          mine.complete(fetch(scope));
        } catch (IOException | CheckFailure | RuntimeException e) {
          byScope.remove(scope, mine);
          mine.completeExceptionally(e);
          throw e;
        }
        return mine.join().value();
      }
      Token token = await(existing);
      if (token.expires().isAfter(Instant.now().plusSeconds(MARGIN_SECONDS))) {
        return token.value();
      }
      byScope.remove(scope, existing); // expired: the next round fetches a fresh one
    }
  }

  private static Token await(CompletableFuture<Token> f) throws IOException, CheckFailure {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for a token");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof CheckFailure cf) {
        throw new CheckFailure(cf.availability(), cf.getMessage());
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Token fetch(String scope) throws IOException, CheckFailure {
    String realm = challenge.param("realm");
    if (realm == null || realm.isBlank()) {
      throw new CheckFailure(Availability.ERROR, "Bearer challenge without a realm: " + challenge);
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    String service = challenge.param("service");
    if (service != null) {
      url.append("service=").append(encode(service)).append('&');
    }
    url.append("scope=").append(encode(scope));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).GET();
    credential.ifPresent(c -> request.header("Authorization", Basic.header(c)));
    HttpResponse<byte[]> response = transport.send(request);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new CheckFailure(
          Availability.UNAUTHORIZED,
          "Token service "
              + realm
              + " refused "
              + credential.map(RegistryCredential::toString).orElse("anonymous access")
              + " (HTTP "
              + status
              + ": "
              + RegistryErrors.message(response.body())
              + "); check the credentials");
    }
    if (status != 200) {
      throw new CheckFailure(
          Availability.ERROR,
          "Token service "
              + realm
              + " answered HTTP "
              + status
              + ": "
              + RegistryErrors.message(response.body()));
    }
    JsonNode body = JSON.readTree(response.body());
    String token = body.path("token").asText("");
    if (token.isEmpty()) {
      token = body.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new CheckFailure(Availability.ERROR, "Token service " + realm + " sent no token");
    }
    long expiresIn = body.path("expires_in").asLong(60); // the spec's default
    return new Token(token, Instant.now().plusSeconds(Math.max(expiresIn, MARGIN_SECONDS + 1)));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
