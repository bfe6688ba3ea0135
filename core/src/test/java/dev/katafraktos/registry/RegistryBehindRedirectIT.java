package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.testsupport.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real registry (distribution, basic and token auth) behind a front on another port that
 * redirects every manifest request, as a registry behind a load balancer or a CDN does: a redirect
 * back to the front (same origin) keeps the credentials and the check passes end to end; a redirect
 * straight to the registry (another port) drops them, so the registry itself refuses.
 */
class RegistryBehindRedirectIT {
  private static final HttpClient UPSTREAM =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private TestRegistry registry;
  private Loopback front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  /** Proxies to the registry; manifest requests are first redirected to {@code target}. */
  private Loopback front(boolean sameOrigin) throws IOException {
    Loopback f = Loopback.http();
    f.on("/v2/", e -> proxy(e, e.getRequestURI().getRawPath()));
    f.on("/again/", e -> proxy(e, e.getRequestURI().getRawPath().substring("/again".length())));
    f.on(
        "/v2/team/",
        e -> {
          String path = e.getRequestURI().getRawPath();
          if (!path.contains("/manifests/")) {
            proxy(e, path);
            return;
          }
          String target = sameOrigin ? "/again" + path : "http://" + registry.host() + path;
          Loopback.redirect(307, target).handle(e);
        });
    return f;
  }

  private void proxy(HttpExchange e, String path) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + registry.host() + path))
            .method(e.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    for (String header : List.of("Authorization", "Accept")) {
      String value = e.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    HttpResponse<byte[]> r;
    try {
      r = UPSTREAM.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException(interrupted);
    }
    for (String header :
        List.of("Content-Type", "Docker-Content-Digest", "WWW-Authenticate", "Location")) {
      r.headers().firstValue(header).ifPresent(v -> e.getResponseHeaders().add(header, v));
    }
    boolean noBody = "HEAD".equals(e.getRequestMethod()) || r.body().length == 0;
    e.sendResponseHeaders(r.statusCode(), noBody ? -1 : r.body().length);
    if (!noBody) {
      e.getResponseBody().write(r.body());
    }
  }

  private ImageCheck check(String image) throws Exception {
    return check(
        image,
        RegistryCredentials.explicit(
            java.util.Map.of(
                front.host(), new RegistryCredential(registry.user(), registry.password()))));
  }

  private ImageCheck check(String image, RegistryCredentials credentials) throws Exception {
    Set<String> insecure = new HashSet<>(registry.insecureHosts());
    insecure.add(front.host());
    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(insecure).credentials(credentials).build();
    try (ImageChecker checker = Registries.checker(settings)) {
      return checker.check(ref(front.host(), image));
    }
  }

  @Test
  void check_basicAuthRedirectToSameOrigin_isPresent() throws Exception {
    registry = TestRegistry.start(TestRegistry.Mode.HTPASSWD);
    String digest = registry.seed().get("team/multi:1.0");
    front = front(true);

    ImageCheck c = check("team/multi:1.0");

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(c.digest()).isEqualTo(digest);
    assertThat(front.seen("/again/v2/team/multi/manifests/"))
        .extracting(Loopback.Seen::authorization)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a).startsWith("Basic "));
  }

  @Test
  void check_basicAuthRedirectToTheRegistrysOwnPort_dropsCredentialsSoItIsUnauthorized()
      throws Exception {
    registry = TestRegistry.start(TestRegistry.Mode.HTPASSWD);
    registry.seed();
    front = front(false);

    ImageCheck c = check("team/multi:1.0");

    assertThat(c.availability()).isEqualTo(Availability.UNAUTHORIZED);
    assertThat(c.message()).contains(registry.host() + " answered 401");
  }

  @Test
  void check_tokenAuthRedirectToSameOrigin_isPresent() throws Exception {
    registry = TestRegistry.start(TestRegistry.Mode.TOKEN);
    String digest = registry.seed().get("team/multi:1.0");
    front = front(true);

    ImageCheck c = check("team/multi:1.0");

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(c.digest()).isEqualTo(digest);
    assertThat(front.seen("/again/v2/team/multi/manifests/"))
        .extracting(Loopback.Seen::authorization)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a).startsWith("Bearer "));
  }

  @Test
  void check_openRegistryRedirectToItsOwnPort_isPresent() throws Exception {
    registry = TestRegistry.start(TestRegistry.Mode.OPEN);
    String digest = registry.seed().get("team/multi:1.0");
    front = front(false);

    ImageCheck c = check("team/multi:1.0", RegistryCredentials.anonymous());

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(c.digest()).isEqualTo(digest);
  }
}
