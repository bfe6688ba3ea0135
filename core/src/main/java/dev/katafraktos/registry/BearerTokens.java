package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.model.Availability;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
  private static final long MARGIN_SECONDS = 10;

  private record Token(String value, Instant expires) {}

  private final RegistryTransport transport;
  private final String registry;
  private final WwwAuthenticate challenge;
  private final Optional<RegistryCredential> credential;
  private final Map<String, CompletableFuture<Token>> byScope = new ConcurrentHashMap<>();

  BearerTokens(
      RegistryTransport transport,
      String registry,
      WwwAuthenticate challenge,
      Optional<RegistryCredential> credential) {
    this.transport = transport;
    this.registry = registry;
    this.challenge = challenge;
    this.credential = credential;
  }

  /** The token for {@code repository:NAME:pull}. */
  String pullToken(String repository) throws IOException, CheckFailure {
    return token(List.of(pullScope(repository)));
  }

  static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  static String pushScope(String repository) {
    return "repository:" + repository + ":pull,push";
  }

  /**
   * A token for all of {@code scopes} at once (a cross-repository mount needs push on the target
   * and pull on the source repository in one token).
   */
  String token(List<String> scopes) throws IOException, CheckFailure {
    String scope = String.join(" ", scopes);
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
    URI realm = realm();
    if (credential.isPresent()
        && !Origins.mayCarryCredentials(realm, transport.settings().insecureHosts())) {
      // No anonymous fallback: with a credential given, an anonymous token would turn a private
      // image into a misleading "unauthorized, check the credentials" and let a public one pass
      // while the setup is wrong. The user decides whether that host may see the password.
      throw new CheckFailure(
          Availability.BLOCKED,
          "Not sending the credentials for "
              + registry
              + " to its token service "
              + Origins.authority(realm)
              + " over plain HTTP; serve the token service over HTTPS, or list "
              + Origins.authority(realm)
              + " as an insecure registry if you trust that network path");
    }
    StringBuilder url = new StringBuilder(realm.toString());
    url.append(realm.getRawQuery() != null ? '&' : '?');
    String service = challenge.param("service");
    if (service != null) {
      url.append("service=").append(encode(service)).append('&');
    }
    String separator = "";
    for (String one : scope.split(" ")) {
      url.append(separator).append("scope=").append(encode(one));
      separator = "&";
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).GET();
    String basic = credential.map(Basic::header).orElse(null);
    HttpResponse<byte[]> response = transport.send(request, basic, BodyLimit.TOKEN);
    String where = Origins.authority(realm);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new CheckFailure(
          Availability.UNAUTHORIZED,
          "Token service "
              + where
              + " refused "
              + credential.map(RegistryCredential::toString).orElse("anonymous access")
              + " (HTTP "
              + status
              + ": "
              + RegistryErrors.message(response.body(), t -> Redaction.redact(t, credential))
              + "); check the credentials");
    }
    if (status != 200) {
      throw new CheckFailure(
          Availability.ERROR,
          "Token service "
              + where
              + " answered HTTP "
              + status
              + ": "
              + RegistryErrors.message(response.body(), t -> Redaction.redact(t, credential)));
    }
    JsonNode body;
    try {
      body = RegistryJson.read(response.body());
    } catch (RegistryJson.UnreadableException e) {
      throw new CheckFailure(
          e.availability(), "Token service " + where + " sent " + e.getMessage());
    }
    String token = body.path("token").asText("");
    if (token.isEmpty()) {
      token = body.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new CheckFailure(Availability.ERROR, "Token service " + where + " sent no token");
    }
    long expiresIn = body.path("expires_in").asLong(60); // the spec's default
    return new Token(token, Instant.now().plusSeconds(Math.max(expiresIn, MARGIN_SECONDS + 1)));
  }

  /** The challenge's realm: an absolute http(s) URL without user info. */
  private URI realm() throws CheckFailure {
    String realm = challenge.param("realm");
    if (realm == null || realm.isBlank()) {
      throw new CheckFailure(
          Availability.ERROR, registry + " sent a Bearer challenge without a realm");
    }
    try {
      URI uri = new URI(realm.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new CheckFailure(
        Availability.ERROR,
        registry + " named a token service that is not an http(s) URL; not asking it");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
