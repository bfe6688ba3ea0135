package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginsTest {

  @Test
  void same_defaultPortSpeltOrNot_isSameOrigin() {
    assertThat(Origins.same(URI.create("https://h/v2/"), URI.create("https://H:443/x"))).isTrue();
    assertThat(Origins.same(URI.create("http://h/v2/"), URI.create("http://h:80/x"))).isTrue();
  }

  @Test
  void same_schemeHostOrPortDiffers_isAnotherOrigin() {
    URI a = URI.create("https://h:5000/v2/");
    assertThat(Origins.same(a, URI.create("http://h:5000/v2/"))).isFalse();
    assertThat(Origins.same(a, URI.create("https://h2:5000/v2/"))).isFalse();
    assertThat(Origins.same(a, URI.create("https://h:5001/v2/"))).isFalse();
    assertThat(Origins.same(a, URI.create("https://h.evil:5000/v2/"))).isFalse();
  }

  @Test
  void mayCarryCredentials_httpsAlways_plainHttpOnlyWhenListedWithItsPort() {
    Set<String> insecure = Set.of("reg:5000", "plain.corp");
    assertThat(Origins.mayCarryCredentials(URI.create("https://anywhere/t"), insecure)).isTrue();
    assertThat(Origins.mayCarryCredentials(URI.create("http://reg:5000/t"), insecure)).isTrue();
    assertThat(Origins.mayCarryCredentials(URI.create("http://reg:5001/t"), insecure)).isFalse();
    assertThat(Origins.mayCarryCredentials(URI.create("http://reg/t"), insecure)).isFalse();
    assertThat(Origins.mayCarryCredentials(URI.create("http://plain.corp/t"), insecure)).isTrue();
    assertThat(Origins.mayCarryCredentials(URI.create("http://plain.corp:80/t"), insecure))
        .isTrue();
    assertThat(Origins.mayCarryCredentials(URI.create("http://plain.corp:8080/t"), insecure))
        .isFalse();
  }

  @Test
  void authority_neverShowsUserInfo() {
    assertThat(Origins.authority(URI.create("http://user:pw@h:81/x"))).isEqualTo("h:81");
    assertThat(Origins.authority(URI.create("https://h/x"))).isEqualTo("h");
  }
}
