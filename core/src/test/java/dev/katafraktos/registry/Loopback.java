package dev.katafraktos.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) listener on 127.0.0.1 playing a registry, a token service or a CDN: it
 * answers by path prefix and records every request it got, with its Authorization header, so a test
 * can assert what reached which host.
 */
final class Loopback implements AutoCloseable {
  /** One request as it arrived. */
  record Seen(String method, String path, String authorization) {}

  private final HttpServer server;
  private final String scheme;
  private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private Loopback(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.start();
  }

  static Loopback http() throws IOException {
    return new Loopback(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
  }

  /** HTTPS with the key and self-signed certificate of {@code tls}. */
  static Loopback https(SelfSignedTls tls) throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    return new Loopback(server, "https");
  }

  /** Answers requests whose path starts with {@code prefix} (longest prefix first). */
  Loopback on(String prefix, HttpHandler handler) {
    routes.put(prefix, handler);
    return this;
  }

  /** {@code 127.0.0.1:PORT}, as an image reference names it. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  String url() {
    return scheme + "://" + host();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  List<Seen> seen(String prefix) {
    return seen.stream().filter(s -> s.path().startsWith(prefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("Authorization")));
    HttpHandler handler =
        routes.entrySet().stream()
            .filter(e -> path.startsWith(e.getKey()))
            .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
            .map(Map.Entry::getValue)
            .orElse(Loopback::notFound);
    try (exchange) {
      handler.handle(exchange);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---------------------------------------------------------------- answers

  private static void notFound(HttpExchange e) throws IOException {
    send(e, 404, "application/json", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
  }

  static HttpHandler status(int status) {
    return e -> {
      drain(e);
      e.sendResponseHeaders(status, -1);
    };
  }

  static HttpHandler redirect(int status, String location) {
    return e -> {
      drain(e);
      e.getResponseHeaders().add("Location", location);
      e.sendResponseHeaders(status, -1);
    };
  }

  static HttpHandler basicChallenge() {
    return e -> {
      e.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
      send(e, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    };
  }

  static HttpHandler bearerChallenge(String realm) {
    return e -> {
      e.getResponseHeaders()
          .add("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"loopback\"");
      send(e, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    };
  }

  static HttpHandler json(String body) {
    return e -> send(e, 200, "application/json", body);
  }

  /** An OCI image manifest whose config is not served (so the platforms stay unknown). */
  static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:"
          + "0".repeat(64)
          + "\",\"size\":2},\"layers\":[]}";

  static HttpHandler manifest() {
    return e -> {
      e.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "1".repeat(64));
      send(e, 200, "application/vnd.oci.image.manifest.v1+json", MANIFEST);
    };
  }

  /**
   * A 200 that streams {@code total} bytes of a JSON string without a Content-Length (chunked) or
   * with it, until done or the client hangs up; {@code written} tells how far it got and {@code
   * done} when it stopped.
   */
  static HttpHandler huge(
      long total, boolean declareLength, AtomicLong written, CountDownLatch done) {
    return e -> {
      try {
        drain(e);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(200, declareLength ? total : 0);
        OutputStream out = e.getResponseBody();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] start = "{\"token\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, chunk, 0, start.length);
        for (long sent = 0; sent < total; sent += chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, total - sent));
          written.addAndGet(Math.min(chunk.length, total - sent));
          if (sent == 0) {
            Arrays.fill(chunk, 0, start.length, (byte) 'a');
          }
        }
        out.flush();
      } catch (IOException hungUp) {
        // the client stopped reading: what the guard should do
      } finally {
        done.countDown();
      }
    };
  }

  static void send(HttpExchange e, int status, String type, String body) throws IOException {
    drain(e);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", type);
    if ("HEAD".equals(e.getRequestMethod())) {
      e.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
      e.sendResponseHeaders(status, -1);
      return;
    }
    e.sendResponseHeaders(status, bytes.length);
    e.getResponseBody().write(bytes);
  }

  private static void drain(HttpExchange e) throws IOException {
    try (InputStream in = e.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Waits for a streaming handler to stop; the bound only keeps a broken test from hanging. */
  static void await(CountDownLatch done) throws InterruptedException {
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the streaming answer never stopped");
    }
  }

  /**
   * A key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool: the
   * certificate is its own CA, given to the checker as its CA file.
   */
  static final class SelfSignedTls {
    private static final String PASSWORD = "changeit";
    private final Path keystore;
    private final Path certificate;

    private SelfSignedTls(Path keystore, Path certificate) {
      this.keystore = keystore;
      this.certificate = certificate;
    }

    static SelfSignedTls create(Path dir) throws Exception {
      Path keystore = dir.resolve("server.p12");
      Path certificate = dir.resolve("server.pem");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(
          dir,
          keytool,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      run(
          dir,
          keytool,
          "-exportcert",
          "-rfc",
          "-alias",
          "server",
          "-keystore",
          keystore.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          certificate.toString());
      return new SelfSignedTls(keystore, certificate);
    }

    /** The PEM certificate to trust (as {@code caFile}). */
    Path certificate() {
      return certificate;
    }

    SSLContext serverContext() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    }

    private static void run(Path dir, String... command) throws Exception {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("keytool failed: " + out);
      }
    }
  }

  private static final java.net.http.HttpClient FORWARDING =
      java.net.http.HttpClient.newBuilder()
          .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .build();

  /** {@link #forward(HttpExchange, String, String, String, Map)} of the request's own path. */
  static void forward(
      HttpExchange e, String upstreamHost, String authorization, Map<String, String> extraHeaders)
      throws IOException {
    forward(e, upstreamHost, e.getRequestURI().getRawPath(), authorization, extraHeaders);
  }

  /**
   * Passes the request on to {@code path} at the plain-HTTP registry {@code upstreamHost} (body,
   * the headers a registry needs, the client's Authorization unless {@code authorization} replaces
   * it) and its answer back, with {@code upstreamHost} in Location and other headers rewritten to
   * this front, plus {@code extraHeaders}.
   */
  static void forward(
      HttpExchange e,
      String upstreamHost,
      String path,
      String authorization,
      Map<String, String> extraHeaders)
      throws IOException {
    String query = e.getRequestURI().getRawQuery();
    java.net.URI uri =
        java.net.URI.create("http://" + upstreamHost + path + (query == null ? "" : "?" + query));
    byte[] body;
    try (InputStream in = e.getRequestBody()) {
      body = in.readAllBytes();
    }
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(uri)
            .method(
                e.getRequestMethod(),
                body.length == 0
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Accept", "Content-Type", "Content-Range")) {
      String value = e.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    String auth =
        authorization != null ? authorization : e.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      request.header("Authorization", auth);
    }
    java.net.http.HttpResponse<byte[]> r;
    try {
      r = FORWARDING.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException(interrupted);
    }
    String own = e.getLocalAddress().getHostString() + ":" + e.getLocalAddress().getPort();
    for (String header :
        List.of(
            "Content-Type",
            "Docker-Content-Digest",
            "WWW-Authenticate",
            "Location",
            "Range",
            "Docker-Upload-UUID",
            "OCI-Chunk-Min-Length")) {
      r.headers()
          .firstValue(header)
          .ifPresent(v -> e.getResponseHeaders().add(header, v.replace(upstreamHost, own)));
    }
    extraHeaders.forEach((k, v) -> e.getResponseHeaders().add(k, v));
    boolean noBody = "HEAD".equals(e.getRequestMethod()) || r.body().length == 0;
    if ("HEAD".equals(e.getRequestMethod())) {
      r.headers()
          .firstValue("Content-Length")
          .ifPresent(v -> e.getResponseHeaders().add("Content-Length", v));
    }
    e.sendResponseHeaders(r.statusCode(), noBody ? -1 : r.body().length);
    if (!noBody) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(r.body());
      }
    }
  }
}
