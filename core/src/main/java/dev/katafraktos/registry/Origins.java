package dev.katafraktos.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where credentials may go. An origin is scheme, host and port (RFC 6454); credentials stay with
 * the origin they were given for, and travel over plain HTTP only to a host the user listed as
 * insecure.
 */
final class Origins {
  private Origins() {}

  static boolean same(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && host(a).equals(host(b))
        && port(a) == port(b);
  }

  /** HTTPS, or plain HTTP to a host in {@code insecureHosts} ({@code host[:port]} entries). */
  static boolean mayCarryCredentials(URI uri, Set<String> insecureHosts) {
    return "https".equalsIgnoreCase(uri.getScheme()) || listedInsecure(uri, insecureHosts);
  }

  /** Whether the user asked for plain HTTP to this host and port. */
  static boolean listedInsecure(URI uri, Set<String> insecureHosts) {
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      return false;
    }
    String host = host(uri);
    int port = port(uri);
    for (String entry : insecureHosts) {
      String e = entry.toLowerCase(Locale.ROOT);
      if (e.equals(host + ":" + port) || (port == 80 && e.equals(host))) {
        return true;
      }
    }
    return false;
  }

  /** {@code host[:port]} as the user would list it as insecure; never the URI's user info. */
  static String authority(URI uri) {
    return host(uri) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
