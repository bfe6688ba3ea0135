package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never follow a redirect to another origin: two real listeners on 127.0.0.1, A the
 * registry the credentials are for and B where it points (a CDN, an object store, an attacker); B
 * records every header it got. The JDK client, left to follow redirects, sent B the password.
 */
class RegistryRedirectIT {
  private static final String CANARY = "Canary-s3cret-7f3a";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString(("ci:" + CANARY).getBytes(StandardCharsets.UTF_8));
  private static final String MANIFEST = "/v2/team/app/manifests/1.0";

  @TempDir static Path dir;
  private static Loopback.SelfSignedTls tls;

  private Loopback a;
  private Loopback b;

  @BeforeAll
  static void certificate() throws Exception {
    tls = Loopback.SelfSignedTls.create(dir);
  }

  @AfterEach
  void stop() {
    for (Loopback l : new Loopback[] {a, b}) {
      if (l != null) {
        l.close();
      }
    }
  }

  private ImageCheck check(Set<String> insecure) throws Exception {
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(insecure)
            .caFile(tls.certificate())
            .maxRetries(0)
            .credentials(
                RegistryCredentials.explicit(
                    Map.of(a.host(), new RegistryCredential("ci", CANARY))))
            .build();
    try (ImageChecker checker = Registries.checker(settings)) {
      return checker.check(ref(a.host(), "team/app:1.0"));
    }
  }

  @Test
  void check_basicRegistryRedirectsToOtherPort_otherPortGetsNoAuthorization() throws Exception {
    b = Loopback.http().on(MANIFEST, Loopback.manifest());
    a =
        Loopback.http()
            .on("/v2/", Loopback.basicChallenge())
            .on(MANIFEST, Loopback.redirect(307, b.url() + MANIFEST));

    ImageCheck c = check(Set.of(a.host()));

    assertThat(a.seen(MANIFEST)).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(b.seen()).hasSize(1);
    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsOnlyNulls();
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_bearerRegistryRedirectsToOtherPort_otherPortGetsNoAuthorization() throws Exception {
    b = Loopback.http().on(MANIFEST, Loopback.manifest());
    a = Loopback.http().on(MANIFEST, Loopback.redirect(307, "placeholder"));
    a.on("/v2/", Loopback.bearerChallenge(a.url() + "/token"))
        .on("/token", Loopback.json("{\"token\":\"Canary-token-91c2\"}"))
        .on(MANIFEST, Loopback.redirect(307, b.url() + MANIFEST));

    ImageCheck c = check(Set.of(a.host()));

    assertThat(a.seen("/token")).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(a.seen(MANIFEST))
        .extracting(Loopback.Seen::authorization)
        .containsExactly("Bearer Canary-token-91c2");
    assertThat(b.seen()).hasSize(1);
    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsOnlyNulls();
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_redirectToSameOrigin_keepsCredentials() throws Exception {
    a =
        Loopback.http()
            .on("/v2/", Loopback.basicChallenge())
            // relative, as RFC 9110 allows: resolved against the request
            .on(MANIFEST, Loopback.redirect(307, "/moved/team/app/1.0"))
            .on("/moved/", Loopback.manifest());

    ImageCheck c = check(Set.of(a.host()));

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(a.seen("/moved/")).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
  }

  @Test
  void check_httpsRedirectsToPlainHttp_isBlockedAndSendsNothingThere() throws Exception {
    b = Loopback.http().on(MANIFEST, Loopback.manifest());
    a =
        Loopback.https(tls)
            .on("/v2/", Loopback.basicChallenge())
            .on(MANIFEST, Loopback.redirect(302, b.url() + MANIFEST));

    ImageCheck c = check(Set.of());

    assertThat(a.seen(MANIFEST)).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(b.seen()).isEmpty();
    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .isEqualTo(
            a.host()
                + " redirected from HTTPS to plain HTTP at "
                + b.host()
                + "; not following (list "
                + b.host()
                + " as an insecure registry if you trust that network path)");
  }

  @Test
  void check_httpsRedirectsToListedInsecureHost_followsWithoutCredentials() throws Exception {
    b = Loopback.http().on(MANIFEST, Loopback.manifest());
    a =
        Loopback.https(tls)
            .on("/v2/", Loopback.basicChallenge())
            .on(MANIFEST, Loopback.redirect(308, b.url() + MANIFEST));

    ImageCheck c = check(Set.of(b.host()));

    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(b.seen()).hasSize(1);
    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsOnlyNulls();
  }

  @Test
  void check_tokenRealmOnPlainHttpOtherHost_isBlockedAndGetsNoCredentials() throws Exception {
    b = Loopback.http().on("/token", Loopback.json("{\"token\":\"t\"}"));
    a =
        Loopback.https(tls)
            .on("/v2/", Loopback.bearerChallenge(b.url() + "/token"))
            .on(MANIFEST, Loopback.manifest());

    ImageCheck c = check(Set.of());

    assertThat(b.seen()).isEmpty();
    assertThat(a.seen(MANIFEST)).isEmpty();
    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .isEqualTo(
            "Not sending the credentials for "
                + a.host()
                + " to its token service "
                + b.host()
                + " over plain HTTP; serve the token service over HTTPS, or list "
                + b.host()
                + " as an insecure registry if you trust that network path");
  }

  @Test
  void check_tokenRealmOnListedInsecureHost_getsBasicCredentials() throws Exception {
    b = Loopback.http().on("/token", Loopback.json("{\"token\":\"t\"}"));
    a =
        Loopback.https(tls)
            .on("/v2/", Loopback.bearerChallenge(b.url() + "/token"))
            .on(MANIFEST, Loopback.manifest());

    ImageCheck c = check(Set.of(b.host()));

    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(a.seen(MANIFEST))
        .extracting(Loopback.Seen::authorization)
        .containsExactly("Bearer t");
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_tokenRealmOnHttpsOtherHost_getsBasicCredentials() throws Exception {
    // Docker Hub's shape: registry-1.docker.io sends clients to auth.docker.io
    b = Loopback.https(tls).on("/token", Loopback.json("{\"access_token\":\"t\"}"));
    a =
        Loopback.http()
            .on("/v2/", Loopback.bearerChallenge(b.url() + "/token"))
            .on(MANIFEST, Loopback.manifest());

    ImageCheck c = check(Set.of(a.host()));

    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_tokenServiceRedirectsToOtherHost_otherHostGetsNoCredentials() throws Exception {
    b = Loopback.http().on("/token", Loopback.json("{\"token\":\"t\"}"));
    a = Loopback.http().on(MANIFEST, Loopback.manifest());
    a.on("/v2/", Loopback.bearerChallenge(a.url() + "/auth"))
        .on("/auth", Loopback.redirect(303, b.url() + "/token"));

    ImageCheck c = check(Set.of(a.host()));

    assertThat(a.seen("/auth")).extracting(Loopback.Seen::authorization).containsExactly(BASIC);
    assertThat(b.seen()).extracting(Loopback.Seen::authorization).containsExactly((String) null);
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_redirectLoop_isBlockedAfterTenRedirects() throws Exception {
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(MANIFEST, Loopback.redirect(302, MANIFEST));

    ImageCheck c = check(Set.of(a.host()));

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .isEqualTo(a.host() + " redirected more than 10 times; stopped following");
    assertThat(a.seen(MANIFEST)).hasSize(11);
  }

  @Test
  void check_redirectToOtherScheme_isBlocked() throws Exception {
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(MANIFEST, Loopback.redirect(302, "file:///etc/passwd"));

    ImageCheck c = check(Set.of(a.host()));

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message()).contains(a.host()).contains("not http(s)");
  }
}
