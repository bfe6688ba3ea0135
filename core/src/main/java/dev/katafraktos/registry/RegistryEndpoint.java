package dev.katafraktos.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * One registry as this run sees it: its base URI, how it wants to be authenticated (learnt once
 * from {@code GET /v2/}), its Bearer tokens, and whether it is down. Once it fails to answer, every
 * later check of it ends at once as UNREACHABLE instead of waiting for its own timeout.
 */
final class RegistryEndpoint {
  private final String registry;
  private final URI base;
  private final RegistryTransport transport;
  private Optional<RegistryCredential> credential; // null until first looked up
  private WwwAuthenticate challenge;
  private BearerTokens tokens;
  private boolean pinged;
  private volatile String down;

  RegistryEndpoint(String registry, RegistryTransport transport) {
    this.registry = registry;
    this.transport = transport;
    RegistrySettings settings = transport.settings();
    String host = "docker.io".equals(registry) ? "registry-1.docker.io" : registry;
    String scheme = settings.insecureHosts().contains(registry) ? "http" : "https";
    this.base = URI.create(scheme + "://" + host);
  }

  String registry() {
    return registry;
  }

  URI manifestUri(String repository, String reference) {
    return base.resolve("/v2/" + repository + "/manifests/" + reference);
  }

  URI blobUri(String repository, String digest) {
    return base.resolve("/v2/" + repository + "/blobs/" + digest);
  }

  /** Why the registry is taken as down, or empty while it answers. */
  Optional<String> down() {
    return Optional.ofNullable(down);
  }

  void markDown(IOException e) {
    if (down == null) {
      down = Failures.describe(base.getAuthority(), e, transport.settings());
    }
  }

  /** The Authorization header for pulling from a repository, if the registry wants one. */
  Optional<String> authorization(String repository) throws IOException, CheckFailure {
    return authorization(List.of(BearerTokens.pullScope(repository)));
  }

  /**
   * The Authorization header for the given token scopes ({@code repository:NAME:pull,push}), if the
   * registry wants one; a Basic credential covers every scope.
   */
  Optional<String> authorization(List<String> scopes) throws IOException, CheckFailure {
    WwwAuthenticate c = ping();
    if (c == null) {
      return Optional.empty();
    }
    if (c.isBearer()) {
      return Optional.of("Bearer " + bearerTokens().token(scopes));
    }
    return credential().map(Basic::header);
  }

  URI uploadsUri(String repository) {
    return base.resolve("/v2/" + repository + "/blobs/uploads/");
  }

  URI referrersUri(String repository, String digest) {
    return base.resolve("/v2/" + repository + "/referrers/" + digest);
  }

  /** A Location a registry answered, resolved against the registry (it is often relative). */
  URI resolve(String location) {
    return base.resolve(location);
  }

  URI base() {
    return base;
  }

  /**
   * {@code text} (a registry's or token service's error) without the credential this endpoint sent,
   * nor the token it got for it. A credential never looked up was never sent.
   */
  synchronized String redact(String text, String authorization) {
    String result = credential == null ? text : Redaction.redact(text, credential);
    if (authorization != null && authorization.startsWith("Bearer ")) {
      String token = authorization.substring("Bearer ".length());
      result = Redaction.redact(result, null, token);
    }
    return result;
  }

  /** Looked up on first use: a credential helper runs only for registries that ask. */
  private synchronized Optional<RegistryCredential> credential() {
    if (credential == null) {
      credential = transport.settings().credentials().find(registry);
    }
    return credential;
  }

  /** {@code GET /v2/} once: the challenge of a 401, or null when none is needed. */
  private synchronized WwwAuthenticate ping() throws IOException, CheckFailure {
    if (down != null) {
      throw new RegistryDownException(down);
    }
    if (!pinged) {
      HttpResponse<byte[]> r;
      try {
        r = transport.send(HttpRequest.newBuilder(base.resolve("/v2/")).GET(), BodyLimit.PING);
      } catch (IOException e) {
        markDown(e);
        throw e;
      }
      if (r.statusCode() == 401) {
        challenge =
            WwwAuthenticate.parse(r.headers().firstValue("WWW-Authenticate").orElse(null))
                .orElse(null);
      }
      pinged = true;
    }
    return challenge;
  }

  private synchronized BearerTokens bearerTokens() {
    if (tokens == null) {
      tokens = new BearerTokens(transport, registry, challenge, credential());
    }
    return tokens;
  }

  /** The registry was found down earlier in this run. */
  static final class RegistryDownException extends IOException {
    RegistryDownException(String message) {
      super(message);
    }
  }
}
