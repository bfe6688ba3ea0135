package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.TestRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The copy through fronts that behave as real deployments do: a source whose blob GETs are
 * redirected to a blob store on another port (as registries redirect to S3 or a CDN), and a target
 * that asks for chunked uploads ({@code OCI-Chunk-Min-Length}).
 */
class ImageCopierFrontsIT {
  private static final HttpClient UPSTREAM =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  @Test
  void aSourceThatRedirectsBlobsToAnotherPortStillCopiesAndThatPortNeverSeesCredentials()
      throws Exception {
    TestRegistry registry = keep(TestRegistry.start(TestRegistry.Mode.HTPASSWD));
    TestRegistry target = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    String digest = registry.seed().get("team/multi:1.0");
    String basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    (registry.user() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    // the blob store fetches with its own access, as S3 would serve a signed URL
    Loopback store = keep(Loopback.http());
    store.on("/v2/", e -> Loopback.forward(e, registry.host(), basic, Map.of()));
    Loopback front = keep(Loopback.http());
    front.on("/v2/", e -> Loopback.forward(e, registry.host(), null, Map.of()));
    front.on(
        "/v2/team/multi/blobs/",
        e -> Loopback.redirect(307, store.url() + e.getRequestURI().getRawPath()).handle(e));

    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(front.host(), store.host(), target.host()))
            .credentials(
                RegistryCredentials.explicit(
                    Map.of(
                        front.host(),
                        new RegistryCredential(registry.user(), registry.password()))))
            .build();
    CopyOutcome outcome;
    try (ImageCopier copier = Registries.copier(settings, ImageCopier.Options.defaults())) {
      CopyPlan plan =
          copier.plan(
              ImageRef.parse(front.host() + "/team/multi:1.0"),
              ImageRef.parse(target.host() + "/mirror/team/multi:1.0"));
      outcome = copier.copy(plan);
    }

    assertThat(outcome.state()).as(outcome.message()).isEqualTo(CopyOutcome.State.COPIED);
    assertThat(outcome.digest()).isEqualTo(digest);
    assertThat(front.seen("/v2/team/multi/blobs/")).isNotEmpty();
    assertThat(store.seen("/v2/team/multi/blobs/"))
        .hasSameSizeAs(front.seen("/v2/team/multi/blobs/"))
        .allSatisfy(s -> assertThat(s.authorization()).isNull());
    assertThat(front.seen("/v2/team/multi/blobs/"))
        .allSatisfy(s -> assertThat(s.authorization()).startsWith("Basic "));
  }

  @Test
  void aTargetThatAsksForChunksGetsTheBlobInChunksOfAtLeastItsMinimum() throws Exception {
    TestRegistry source = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    TestRegistry registry = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    int size = 20 * 1024 * 1024;
    String digest = pushOneLayerImage(source, "big/app", "1.0", size);
    List<String> patches = new CopyOnWriteArrayList<>();
    Loopback target = keep(Loopback.http());
    String min = String.valueOf(4 * 1024 * 1024);
    target.on(
        "/v2/",
        e -> {
          String method = e.getRequestMethod();
          boolean upload = e.getRequestURI().getRawPath().contains("/blobs/uploads/");
          if (upload && method.equals("PATCH")) {
            patches.add(e.getRequestHeaders().getFirst("Content-Range"));
          }
          // a small blob may still come in one PUT; a big one must come in chunks
          if (upload
              && method.equals("PUT")
              && Long.parseLong(contentLength(e)) > Long.parseLong(min)) {
            Loopback.send(e, 400, "application/json", "{\"errors\":[{\"code\":\"SIZE_INVALID\"}]}");
            return;
          }
          Loopback.forward(
              e,
              registry.host(),
              null,
              upload && method.equals("POST") ? Map.of("OCI-Chunk-Min-Length", min) : Map.of());
        });

    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(source.host(), target.host())).build();
    CopyOutcome outcome;
    try (ImageCopier copier = Registries.copier(settings, ImageCopier.Options.defaults())) {
      outcome =
          copier.copy(
              copier.plan(
                  ImageRef.parse(source.host() + "/big/app:1.0"),
                  ImageRef.parse(target.host() + "/m/big/app:1.0")));
    }

    assertThat(outcome.state()).as(outcome.message()).isEqualTo(CopyOutcome.State.COPIED);
    assertThat(outcome.digest()).isEqualTo(digest);
    // 20 MiB in chunks of max(4 MiB, 8 MiB): three PATCHes, contiguous
    assertThat(patches).containsExactly("0-8388607", "8388608-16777215", "16777216-" + (size - 1));
  }

  @Test
  void aBlobWhoseBytesAreNotItsDigestIsRefusedAndNeverCompletesAtTheTarget() throws Exception {
    TestRegistry source = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    TestRegistry target = keep(TestRegistry.start(TestRegistry.Mode.OPEN, "--log-level", "info"));
    pushOneLayerImage(source, "big/app", "1.0", 3 * 1024 * 1024);
    Loopback front = keep(Loopback.http());
    front.on("/v2/", e -> Loopback.forward(e, source.host(), null, Map.of()));
    // the layer (the only blob over 1 KiB) comes back with one byte changed
    front.on("/v2/big/app/blobs/", e -> tampered(e, "http://" + source.host()));
    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(front.host(), target.host())).build();
    CopyOutcome outcome;
    try (ImageCopier copier = Registries.copier(settings, ImageCopier.Options.defaults())) {
      outcome =
          copier.copy(
              copier.plan(
                  ImageRef.parse(front.host() + "/big/app:1.0"),
                  ImageRef.parse(target.host() + "/m/big/app:1.0")));
    }

    assertThat(outcome.state()).isEqualTo(CopyOutcome.State.FAILED);
    assertThat(outcome.message())
        .contains("the source sent bytes whose digest is")
        .doesNotContain("Cannot reach")
        .doesNotContain("\n");
    HttpResponse<Void> head =
        UPSTREAM.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + target.host() + "/v2/m/big/app/manifests/1.0"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(404);
    String layer = layerOf(source, "big/app", "1.0");
    HttpResponse<Void> blob =
        UPSTREAM.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + target.host() + "/v2/m/big/app/blobs/" + layer))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(blob.statusCode()).as("the tampered layer never completed").isEqualTo(404);
    assertThat(target.registryRequests())
        .as("the upload session is ended, or the registry ended it when the PUT broke off")
        .anyMatch(
            r ->
                r.startsWith("DELETE /v2/m/big/app/blobs/uploads/")
                    && (r.endsWith(" 204") || r.endsWith(" 404")));
  }

  @Test
  void aDescriptorDigestThatIsAPathIsRefusedBeforeAnyRequestUsesIt() throws Exception {
    TestRegistry target = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\"../../victim/manifests/latest\",\"size\":2}]}";
    String digest = sha256(index.getBytes(StandardCharsets.UTF_8));
    Loopback source = keep(Loopback.http());
    source.on("/v2/", Loopback.status(200));
    source.on("/v2/evil/app/referrers/", Loopback.status(404));
    source.on("/v2/evil/app/tags/", Loopback.status(404));
    source.on("/v2/evil/app/manifests/sha256-", Loopback.status(404));
    source.on(
        "/v2/evil/app/manifests/",
        e -> {
          e.getResponseHeaders().add("Docker-Content-Digest", digest);
          Loopback.send(e, 200, "application/vnd.oci.image.index.v1+json", index);
        });
    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(source.host(), target.host())).build();
    CopyOutcome outcome;
    try (ImageCopier copier = Registries.copier(settings, ImageCopier.Options.defaults())) {
      outcome =
          copier.copy(
              copier.plan(
                  ImageRef.parse(source.host() + "/evil/app:1.0"),
                  ImageRef.parse(target.host() + "/m/evil/app:1.0")));
    }

    assertThat(outcome.state()).isEqualTo(CopyOutcome.State.FAILED);
    assertThat(outcome.message()).contains("not sha256 or sha512 hex");
    assertThat(source.seen()).noneMatch(r -> r.path().contains("victim"));
  }

  @Test
  void aSourceThatStopsSendingABlobMidwayFailsAfterTheReadTimeoutInsteadOfHanging()
      throws Exception {
    TestRegistry source = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    TestRegistry target = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    int size = 2 * 1024 * 1024;
    pushOneLayerImage(source, "big/app", "1.0", size);
    String layer = layerOf(source, "big/app", "1.0");
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Loopback front = keep(Loopback.http());
    front.on("/v2/", e -> Loopback.forward(e, source.host(), null, Map.of()));
    front.on(
        "/v2/big/app/blobs/" + layer,
        e -> {
          e.sendResponseHeaders(200, size);
          OutputStream out = e.getResponseBody();
          out.write(new byte[size / 2]);
          out.flush();
          try {
            release.await(60, java.util.concurrent.TimeUnit.SECONDS); // then nothing more
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(front.host(), target.host()))
            .readTimeout(java.time.Duration.ofSeconds(2))
            .build();
    CopyOutcome outcome;
    long started = System.nanoTime();
    try (ImageCopier copier = Registries.copier(settings, oneAtATime())) {
      outcome =
          copier.copy(
              copier.plan(
                  ImageRef.parse(front.host() + "/big/app:1.0"),
                  ImageRef.parse(target.host() + "/m/big/app:1.0")));
    } finally {
      release.countDown();
    }

    assertThat(outcome.state()).isEqualTo(CopyOutcome.State.FAILED);
    assertThat(outcome.message()).contains("no data for 2 s").contains(layer);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(50));
  }

  @Test
  void indexesNestedDeeperThanFourAreRefused() throws Exception {
    TestRegistry target = keep(TestRegistry.start(TestRegistry.Mode.OPEN));
    Map<String, String> byDigest = new java.util.HashMap<>();
    String child =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";
    String top = null;
    for (int level = 0; level < 6; level++) {
      String childDigest = sha256(child.getBytes(StandardCharsets.UTF_8));
      byDigest.put(childDigest, child);
      top =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
              + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
              + "\"digest\":\""
              + childDigest
              + "\",\"size\":"
              + child.length()
              + "}]}";
      child = top;
    }
    String index = top;
    byDigest.put(sha256(index.getBytes(StandardCharsets.UTF_8)), index);
    Loopback source = keep(Loopback.http());
    source.on("/v2/", Loopback.status(200));
    source.on("/v2/deep/app/referrers/", Loopback.status(404));
    source.on("/v2/deep/app/tags/", Loopback.status(404));
    source.on("/v2/deep/app/manifests/sha256-", Loopback.status(404));
    source.on(
        "/v2/deep/app/manifests/",
        e -> {
          String ref = e.getRequestURI().getRawPath().replaceAll(".*/manifests/", "");
          String body = ref.startsWith("sha256:") ? byDigest.get(ref) : index;
          if (body == null) {
            Loopback.send(e, 404, "application/json", "{}");
            return;
          }
          try {
            e.getResponseHeaders()
                .add("Docker-Content-Digest", sha256(body.getBytes(StandardCharsets.UTF_8)));
          } catch (Exception ex) {
            throw new IOException(ex);
          }
          Loopback.send(e, 200, "application/vnd.oci.image.index.v1+json", body);
        });
    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(source.host(), target.host())).build();
    CopyPlan plan;
    try (ImageCopier copier = Registries.copier(settings, ImageCopier.Options.defaults())) {
      plan =
          copier.plan(
              ImageRef.parse(source.host() + "/deep/app:1.0"),
              ImageRef.parse(target.host() + "/m/deep/app:1.0"));
    }

    assertThat(plan.state()).isEqualTo(CopyPlan.State.FAILED);
    assertThat(plan.message()).contains("nested deeper than 4");
  }

  /** One blob at a time: the front answers one request at a time, and the stall must be first. */
  private static ImageCopier.Options oneAtATime() {
    return new ImageCopier.Options(List.of(), true, 1);
  }

  private static String layerOf(TestRegistry registry, String repo, String tag) throws Exception {
    HttpResponse<byte[]> r =
        UPSTREAM.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + registry.host() + "/v2/" + repo + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(r.body())
        .path("layers")
        .get(0)
        .path("digest")
        .asText();
  }

  /** Serves the blob from upstream with its middle byte changed when it is over 1 KiB. */
  private static void tampered(HttpExchange e, String upstream) throws IOException {
    HttpResponse<byte[]> r;
    try {
      r =
          UPSTREAM.send(
              HttpRequest.newBuilder(URI.create(upstream + e.getRequestURI().getRawPath()))
                  .method(e.getRequestMethod(), HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException(interrupted);
    }
    byte[] body = r.body();
    if (body.length > 1024) {
      body[body.length / 2] ^= 1;
    }
    boolean head = "HEAD".equals(e.getRequestMethod());
    e.sendResponseHeaders(r.statusCode(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String contentLength(HttpExchange e) {
    String length = e.getRequestHeaders().getFirst("Content-Length");
    return length == null ? "0" : length;
  }

  /** Pushes an OCI image with one layer of {@code size} random bytes; returns its digest. */
  static String pushOneLayerImage(TestRegistry registry, String repo, String tag, int size)
      throws Exception {
    byte[] layer = new byte[size];
    new Random(42).nextBytes(layer);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    String base = "http://" + registry.host();
    for (byte[] blob : List.of(layer, config)) {
      HttpResponse<Void> start =
          UPSTREAM.send(
              HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      String location =
          URI.create(base).resolve(start.headers().firstValue("Location").orElseThrow()).toString();
      HttpResponse<Void> put =
          UPSTREAM.send(
              HttpRequest.newBuilder(URI.create(location + "&digest=" + sha256(blob)))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(put.statusCode()).isEqualTo(201);
    }
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + sha256(config)
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                + sha256(layer)
                + "\",\"size\":"
                + size
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<Void> put =
        UPSTREAM.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(put.statusCode()).isEqualTo(201);
    return sha256(manifest);
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
