package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.MirrorImage;
import dev.katafraktos.api.MirrorRequest;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.Release;
import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirroring into Harbor: a real registry (the project storage) behind a front that answers Harbor's
 * API for {@code /api/v2.0/ping} and {@code /api/v2.0/projects/{name}} (bodies checked against
 * Harbor's spec), passes the regular project {@code mirror} through to the registry, and plays a
 * proxy-cache project {@code cache} as Harbor does: pushes refused with Harbor's DENIED error,
 * manifest HEADs and GETs and blob GETs fetched from the upstream (the source registry) and
 * recorded.
 */
class MirrorHarborIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROXY_PROJECT = HarborBodies.proxyProject("cache", 3, 1);
  private static final String PROJECT = HarborBodies.project("mirror", 2, "{\"public\":\"false\"}");

  private static TestRegistry source;
  private static TestRegistry storage;
  private static Map<String, String> seeded;

  @TempDir Path tmp;
  private Loopback harbor;

  @BeforeAll
  static void start() {
    for (String body : List.of(PROXY_PROJECT, PROJECT)) {
      assertThat(FakeHarbor.spec().validateResponse(FakeHarbor.PROJECT, "GET", 200, json(body)))
          .isEmpty();
    }
    source = TestRegistry.start(TestRegistry.Mode.OPEN);
    storage = TestRegistry.start(TestRegistry.Mode.OPEN);
    seeded = source.seed();
  }

  @AfterAll
  static void stop() {
    if (source != null) {
      source.close();
    }
    if (storage != null) {
      storage.close();
    }
  }

  @BeforeEach
  void startHarbor() throws IOException {
    harbor = Loopback.http();
    harbor.on("/api/v2.0/ping", e -> Loopback.send(e, 200, "text/plain; charset=utf-8", "Pong"));
    harbor.on("/api/v2.0/projects/", MirrorHarborIT::project);
    harbor.on("/v2/", e -> Loopback.forward(e, storage.host(), null, Map.of()));
    harbor.on("/v2/cache/", MirrorHarborIT::proxyCache);
  }

  @AfterEach
  void stopHarbor() {
    harbor.close();
  }

  @Test
  void mirror_proxyCacheProjectWithoutWarm_failsNamingItAndPushesNothingThere() throws Exception {
    MirrorResult result =
        mirror(
            false,
            List.of("team/app:1.0.0", "team/multi:1.0", "library/busybox:1.36"),
            source.host() + "/team=" + harbor.host() + "/cache/team",
            source.host() + "/library=" + harbor.host() + "/mirror/library");

    assertThat(result.failed()).isTrue();
    for (MirrorImage image : result.images()) {
      if (image.plan().target().path().startsWith("cache/")) {
        assertThat(image.proxyCache()).isEqualTo("cache");
        assertThat(image.outcome().state()).isEqualTo(CopyOutcome.State.FAILED);
        assertThat(image.outcome().message())
            .contains("project cache", "proxy cache", "--warm")
            .doesNotContain("\n");
      } else {
        assertThat(image.proxyCache()).isNull();
        assertThat(image.outcome().state())
            .as(image.outcome().message())
            .isEqualTo(CopyOutcome.State.COPIED);
        assertThat(image.outcome().digest()).isEqualTo(seeded.get("library/busybox:1.36"));
      }
    }
    assertThat(harbor.seen("/v2/cache/")).allSatisfy(s -> assertThat(s.method()).isEqualTo("HEAD"));
    assertThat(harbor.seen("/v2/mirror/library/busybox/manifests/1.36"))
        .extracting(Loopback.Seen::method)
        .contains("PUT");
  }

  @Test
  void mirror_proxyCacheProjectWithWarm_pullsEveryManifestAndBlobThroughIt() throws Exception {
    MirrorResult result =
        mirror(
            true,
            List.of("team/multi:1.0", "library/busybox:1.36"),
            source.host() + "=" + harbor.host() + "/cache");

    assertThat(result.failed()).isFalse();
    assertThat(result.images())
        .allSatisfy(
            i -> {
              assertThat(i.outcome().state())
                  .as(i.outcome().message())
                  .isEqualTo(CopyOutcome.State.WARMED);
              String name = i.plan().source().path() + ":" + i.plan().source().tag();
              assertThat(i.outcome().digest()).isEqualTo(seeded.get(name));
            });
    Set<String> pulled = new LinkedHashSet<>();
    harbor.seen("/v2/cache/").stream()
        .filter(s -> s.method().equals("GET"))
        .forEach(s -> pulled.add(s.path()));
    Set<String> expected = new LinkedHashSet<>();
    expected.addAll(pullsOf("team/multi", "1.0"));
    expected.addAll(pullsOf("library/busybox", "1.36"));
    assertThat(expected).hasSize(2 + 2 + 2 * 2 + 2); // index, 2 children, their blobs, busybox
    assertThat(pulled).containsAll(expected);
    assertThat(harbor.seen("/v2/cache/"))
        .extracting(Loopback.Seen::method)
        .containsOnly("HEAD", "GET");
  }

  @Test
  void mirror_projectHarborLacks_isOneLineNamingProjectAndRegistry() throws Exception {
    assertThatThrownBy(
            () ->
                mirror(
                    false,
                    List.of("team/app:1.0.0"),
                    source.host() + "=" + harbor.host() + "/nope"))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining(harbor.host())
        .message()
        .doesNotContain("\n");
    assertThat(harbor.seen("/v2/")).isEmpty();
  }

  @Test
  void mirror_plainRegistry_isUsedAsARegistry() throws Exception {
    MirrorResult result =
        mirror(false, List.of("team/multi:1.0"), source.host() + "=" + storage.host() + "/plain");

    assertThat(result.failed()).isFalse();
    MirrorImage image = result.images().get(0);
    assertThat(image.proxyCache()).isNull();
    assertThat(image.outcome().state()).isEqualTo(CopyOutcome.State.COPIED);
    assertThat(image.outcome().digest()).isEqualTo(seeded.get("team/multi:1.0"));
    assertThat(get(storage.host(), "/v2/plain/team/multi/manifests/1.0").statusCode())
        .isEqualTo(200);
  }

  // ------------------------------------------------------------------------------------ helpers

  private MirrorResult mirror(boolean warm, List<String> images, String... mappings)
      throws Exception {
    Path chart = Files.createDirectories(tmp.resolve("chart-" + System.nanoTime()));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
    StringBuilder pod =
        new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n");
    pod.append("  containers:\n");
    for (int i = 0; i < images.size(); i++) {
      pod.append("    - name: c" + i + "\n      image: " + source.host() + "/" + images.get(i));
      pod.append('\n');
    }
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("templates/pod.yaml"), pod.toString());
    AuditConfig.Builder config =
        AuditConfig.builder()
            .insecureRegistry(source.host())
            .insecureRegistry(storage.host())
            .insecureRegistry(harbor.host());
    for (String mapping : mappings) {
      config.mapping(Mapping.parse(mapping));
    }
    return Katafraktos.create()
        .mirror(
            new MirrorRequest(
                List.of(Release.of(chart, RenderOptions.defaults())),
                config.build(),
                null,
                false,
                2,
                List.of(),
                null,
                warm,
                true));
  }

  /** The proxy path of every manifest and blob of {@code repository:tag}, read from the source. */
  private static List<String> pullsOf(String repository, String tag) throws Exception {
    List<String> paths = new ArrayList<>();
    walk(repository, tag, paths);
    return paths;
  }

  private static void walk(String repository, String reference, List<String> paths)
      throws Exception {
    paths.add("/v2/cache/" + repository + "/manifests/" + reference);
    JsonNode m =
        JSON.readTree(get(source.host(), "/v2/" + repository + "/manifests/" + reference).body());
    for (JsonNode child : m.path("manifests")) {
      walk(repository, child.path("digest").asText(), paths);
    }
    if (m.has("config")) {
      paths.add("/v2/cache/" + repository + "/blobs/" + m.path("config").path("digest").asText());
    }
    for (JsonNode layer : m.path("layers")) {
      paths.add("/v2/cache/" + repository + "/blobs/" + layer.path("digest").asText());
    }
  }

  private static void project(HttpExchange e) throws IOException {
    String name = e.getRequestURI().getRawPath().substring("/api/v2.0/projects/".length());
    switch (name) {
      case "cache" -> Loopback.send(e, 200, "application/json", PROXY_PROJECT);
      case "mirror" -> Loopback.send(e, 200, "application/json", PROJECT);
      default ->
          Loopback.send(
              e,
              404,
              "application/json",
              HarborBodies.errors("NOT_FOUND", "project " + name + " not found"));
    }
  }

  /** Harbor's proxy-cache project: pulls come from the upstream, pushes are denied. */
  private static void proxyCache(HttpExchange e) throws IOException {
    String method = e.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      try (InputStream in = e.getRequestBody()) {
        in.readAllBytes();
      }
      Loopback.send(
          e,
          403,
          "application/json",
          HarborBodies.errors("DENIED", "can not push artifact to a proxy project: cache"));
      return;
    }
    String rest = e.getRequestURI().getRawPath().substring("/v2/cache".length());
    Loopback.forward(e, source.host(), "/v2" + rest, null, Map.of());
  }

  /** Passes the request on to {@code host}, body and all; upload locations point back here. */
  private static HttpResponse<byte[]> get(String host, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://" + host + path))
            .header(
                "Accept",
                String.join(
                    ",",
                    "application/vnd.oci.image.index.v1+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.docker.distribution.manifest.v2+json"))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
