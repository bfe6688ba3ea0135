package dev.katafraktos.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy to use: the JVM's {@code http(s).proxyHost}/{@code http.nonProxyHosts} properties when
 * set, else the {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} environment as curl and
 * docker read it, else none.
 */
final class ProxySettings {
  private ProxySettings() {}

  static ProxySelector selector(Map<String, String> env) {
    if (System.getProperty("https.proxyHost") != null
        || System.getProperty("http.proxyHost") != null) {
      return ProxySelector.getDefault();
    }
    URI https = uri(env(env, "https_proxy"));
    URI http = uri(env(env, "http_proxy"));
    if (https == null && http == null) {
      return HttpClientNoProxy.INSTANCE;
    }
    List<String> noProxy =
        Arrays.stream(env(env, "no_proxy").split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI target) {
        URI proxy = "https".equals(target.getScheme()) ? https : http;
        if (proxy == null || bypass(target.getHost(), noProxy)) {
          return List.of(Proxy.NO_PROXY);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        return List.of(
            new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  static boolean bypass(String host, List<String> noProxy) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String entry : noProxy) {
      String e = entry.startsWith(".") ? entry.substring(1) : entry;
      if ("*".equals(e) || h.equals(e) || h.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  private static String env(Map<String, String> env, String name) {
    String lower = env.get(name);
    return lower != null ? lower : env.getOrDefault(name.toUpperCase(Locale.ROOT), "");
  }

  private static URI uri(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.contains("://") ? value : "http://" + value;
    try {
      URI u = URI.create(v.trim());
      return u.getHost() == null ? null : u;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Direct connections only. */
  private static final class HttpClientNoProxy extends ProxySelector {
    static final HttpClientNoProxy INSTANCE = new HttpClientNoProxy();

    @Override
    public List<Proxy> select(URI uri) {
      return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }
}
