package dev.katafraktos.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hostile registry on a loopback port: it asks for credentials, then answers every request with
 * an error whose body quotes the Authorization header it got back, raw, decoded and URL-encoded, as
 * a debug page or a web application firewall would.
 *
 * <p>{@code basic}: {@code /v2/} challenges with Basic, manifests answer 500. {@code bearer}:
 * {@code /v2/} names as the realm {@code /token} on a second loopback port (plain HTTP on its own
 * port, as a real token issuer), which answers 401.
 */
final class EchoRegistry implements AutoCloseable {
  private final HttpServer server;
  private final HttpServer realm;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private EchoRegistry(HttpServer server, HttpServer realm) {
    this.server = server;
    this.realm = realm;
  }

  static EchoRegistry start(boolean bearer) throws IOException {
    HttpServer server = loopback();
    HttpServer realm = bearer ? loopback() : null;
    EchoRegistry echo = new EchoRegistry(server, realm);
    server.createContext(
        "/",
        exchange -> {
          String auth = echo.received(exchange);
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/v2/") && auth == null) {
            exchange
                .getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    bearer
                        ? "Bearer realm=\"http://" + echo.realmHost() + "/token\",service=\"echo\""
                        : "Basic realm=\"echo\"");
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
          } else {
            exchange.getResponseHeaders().add("Retry-After", "0");
            send(
                exchange,
                500,
                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"request had "
                    + quote(auth).replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"}]}");
          }
        });
    server.start();
    if (realm != null) {
      realm.createContext(
          "/", exchange -> send(exchange, 401, "token refused: " + quote(echo.received(exchange))));
      realm.start();
    }
    return echo;
  }

  private static HttpServer loopback() throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  /** Records the request's Authorization header, if any, and returns it. */
  private String received(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      authorizations.add(auth);
    }
    return auth;
  }

  /** The header, the user:password it carries, and that URL-encoded. */
  private static String quote(String auth) {
    if (auth == null) {
      return "no Authorization";
    }
    String decoded = auth;
    if (auth.startsWith("Basic ")) {
      decoded =
          new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
    }
    return "Authorization: "
        + auth
        + " (that is "
        + decoded
        + ", "
        + URLEncoder.encode(decoded, StandardCharsets.UTF_8)
        + ")";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:PORT} of the token realm ({@code bearer} only). */
  String realmHost() {
    return "127.0.0.1:" + realm.getAddress().getPort();
  }

  /** This registry and, {@code bearer}, its realm: what credentials over plain HTTP need listed. */
  List<String> insecureHosts() {
    return realm == null ? List.of(host()) : List.of(host(), realmHost());
  }

  /** Forgets what was received, so that the next run's are its own. */
  void forget() {
    authorizations.clear();
  }

  /** Every Authorization header received (registry and realm), decoded when Basic. */
  List<String> receivedCredentials() {
    return authorizations.stream()
        .map(
            a ->
                a.startsWith("Basic ")
                    ? new String(
                        Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8)
                    : a)
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    if (realm != null) {
      realm.stop(0);
    }
  }
}
