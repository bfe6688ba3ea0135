package dev.katafraktos.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** One-line, actionable messages for transport failures (all of them mean UNREACHABLE). */
final class Failures {
  private Failures() {}

  static String describe(String host, IOException e, RegistrySettings settings) {
    String what = "Cannot reach registry " + host + " (";
    String next = "); check the registry address or the proxy settings";
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      return what + "unknown host" + next;
    }
    if (e instanceof HttpConnectTimeoutException) {
      return what + "connect timed out after " + seconds(settings.connectTimeout()) + next;
    }
    if (e instanceof HttpTimeoutException) {
      return what + "no answer within " + seconds(settings.readTimeout()) + next;
    }
    if (causedBy(e, SSLHandshakeException.class) || causedBy(e, SSLException.class)) {
      return "TLS with registry "
          + host
          + " failed ("
          + rootMessage(e)
          + "); if it uses a private CA, pass it with --ca-file";
    }
    if (causedBy(e, ConnectException.class)) {
      return what + "connection refused" + next;
    }
    return what + rootMessage(e) + next;
  }

  private static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
  }
}
