package dev.katafraktos.render;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A Kubernetes API endpoint on loopback that holds no objects, for the embedded renderer's worker.
 *
 * <p>helm-java's {@code template()} renders with helm's dry-run option "none", so a chart's {@code
 * lookup} calls go to whatever cluster the process's kubeconfig names. The worker process is
 * started with {@code KUBECONFIG} pointing here instead, and every lookup finds nothing: discovery
 * lists no resources and every object read is a 404, which helm's lookup turns into an empty result
 * — what {@code helm template} returns. Only GET is answered.
 */
final class NullKubeApiServer implements AutoCloseable {
  private static final String NOT_FOUND =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}";

  private final HttpServer server;

  private NullKubeApiServer(HttpServer server) {
    this.server = server;
  }

  static NullKubeApiServer start() throws IOException {
    // without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK stall every answer ~40 ms
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", NullKubeApiServer::handle);
    server.setExecutor(Executors.newCachedThreadPool(Renderers.daemonThreads("null-api")));
    server.start();
    return new NullKubeApiServer(server);
  }

  /** A kubeconfig whose only cluster is this server. */
  String kubeconfig() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: katafraktos-no-cluster",
        "  cluster:",
        "    server: " + url,
        "contexts:",
        "- name: katafraktos-no-cluster",
        "  context:",
        "    cluster: katafraktos-no-cluster",
        "    user: katafraktos-no-cluster",
        "current-context: katafraktos-no-cluster",
        "users:",
        "- name: katafraktos-no-cluster",
        "  user: {}",
        "");
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(
            exchange, 405, NOT_FOUND.replace("NotFound", "MethodNotAllowed").replace("404", "405"));
        return;
      }
      String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/+");
      // discovery of a group version: /api/v1 or /apis/<group>/<version>; anything else is an
      // object or list read (helm asks /api/<name> when discovery had no matching resource)
      boolean core = parts.length == 2 && parts[0].equals("api") && parts[1].equals("v1");
      boolean group = parts.length == 3 && parts[0].equals("apis");
      if (core || group) {
        String groupVersion = core ? "v1" : parts[1] + "/" + parts[2];
        send(
            exchange,
            200,
            "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                + groupVersion.replace("\"", "")
                + "\",\"resources\":[]}");
      } else {
        send(exchange, 404, NOT_FOUND);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
