package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WwwAuthenticateTest {

  @Test
  void parse_harborBearerChallenge_givesRealmAndService() {
    WwwAuthenticate c =
        WwwAuthenticate.parse(
                "Bearer realm=\"https://harbor.corp/service/token\",service=\"harbor-registry\"")
            .orElseThrow();

    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).isEqualTo("https://harbor.corp/service/token");
    assertThat(c.param("service")).isEqualTo("harbor-registry");
  }

  @Test
  void parse_dockerHubScopeWithCommaInQuotes_keepsWholeValue() {
    WwwAuthenticate c =
        WwwAuthenticate.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                    + "scope=\"repository:library/busybox:pull,push\",error=\"insufficient_scope\"")
            .orElseThrow();

    assertThat(c.param("scope")).isEqualTo("repository:library/busybox:pull,push");
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void parse_basicChallengeMixedCase_isBasic() {
    WwwAuthenticate c = WwwAuthenticate.parse("BASIC Realm=basic-realm").orElseThrow();

    assertThat(c.isBasic()).isTrue();
    assertThat(c.param("realm")).isEqualTo("basic-realm");
  }

  @Test
  void parse_escapedQuote_isUnescaped() {
    WwwAuthenticate c = WwwAuthenticate.parse("Bearer realm=\"a\\\"b\", service=s").orElseThrow();

    assertThat(c.param("realm")).isEqualTo("a\"b");
    assertThat(c.param("service")).isEqualTo("s");
  }

  @Test
  void parse_blankOrNull_isEmpty() {
    assertThat(WwwAuthenticate.parse(null)).isEmpty();
    assertThat(WwwAuthenticate.parse("  ")).isEmpty();
  }
}
