package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void selector_httpsProxyFromEnvironment_isUsedForHttps() {
    var selector = ProxySettings.selector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128"));

    List<Proxy> proxies = selector.select(URI.create("https://harbor.corp/v2/"));

    assertThat(proxies).hasSize(1);
    InetSocketAddress address = (InetSocketAddress) proxies.get(0).address();
    assertThat(address.getHostString()).isEqualTo("proxy.corp");
    assertThat(address.getPort()).isEqualTo(3128);
  }

  @Test
  void selector_noProxyDomain_goesDirect() {
    var selector =
        ProxySettings.selector(
            Map.of("https_proxy", "proxy.corp:3128", "no_proxy", "localhost,.corp"));

    assertThat(selector.select(URI.create("https://harbor.corp/v2/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("https://registry-1.docker.io/v2/")))
        .hasSize(1)
        .allSatisfy(p -> assertThat(p.type()).isEqualTo(Proxy.Type.HTTP));
  }

  @Test
  void selector_nothingSet_goesDirect() {
    assertThat(ProxySettings.selector(Map.of()).select(URI.create("https://h/v2/")))
        .containsExactly(Proxy.NO_PROXY);
  }
}
