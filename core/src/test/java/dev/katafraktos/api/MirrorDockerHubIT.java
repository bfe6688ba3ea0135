package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import dev.katafraktos.registry.RegistrySettings;
import dev.katafraktos.testsupport.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirroring from a registry that counts pulls as Docker Hub does: a real registry behind a front
 * that states {@code ratelimit-limit}/{@code ratelimit-remaining} on every manifest answer, spends
 * one pull per manifest GET (not HEAD) and answers 429 with Docker Hub's TOOMANYREQUESTS body once
 * none is left. The product knows the front counts pulls because it is listed as a head-only
 * registry, as docker.io is by default.
 *
 * <p>What the plan's count means: a single manifest costs exactly one pull; an index is planned
 * with HEADs only, so it counts as "at least 2" (itself and one child) whatever its children. The
 * run is refused when even that lower bound exceeds what may be spent; when the lower bound fits
 * but the real count does not, the copy's own budget stops the index midway, never spending more
 * than was allowed.
 */
class MirrorDockerHubIT {
  private static final String TOO_MANY =
      "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your"
          + " unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit\"}]}";

  private static TestRegistry source;
  private static TestRegistry target;
  private static Map<String, String> seeded;

  @TempDir Path tmp;
  private HubFront hub;

  @BeforeAll
  static void start() {
    source = TestRegistry.start(TestRegistry.Mode.OPEN);
    target = TestRegistry.start(TestRegistry.Mode.OPEN, "--log-level", "info");
    seeded = source.seed("team/one:1=oci", "team/two:1=oci", "team/three:1=docker");
  }

  @AfterAll
  static void stop() {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @AfterEach
  void closeFront() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void mirror_remainingBelowNeeded_showsTheBudgetAndCopiesNothing() throws Exception {
    hub = new HubFront(2, 0);
    MirrorResult result =
        mirror("refused", null, 4, "team/one:1", "team/two:1", "library/busybox:1.36");

    assertThat(result.budgets()).containsExactly(new PullBudget(hub.host(), 3, true, 2, null));
    assertThat(result.refusal())
        .startsWith("Not starting: " + hub.host() + ": 3 pulls needed, 2 left")
        .doesNotContain("\n");
    assertThat(result.failed()).isTrue();
    assertThat(result.images())
        .allSatisfy(
            i -> {
              assertThat(i.outcome()).isNull();
              assertThat(i.plan().state()).isEqualTo(CopyPlan.State.COPY);
              assertThat(i.plan().pulls()).isEqualTo(1);
            });
    assertThat(hub.manifestGets()).isEmpty();
    assertThat(hub.heads()).isPositive();
    assertThat(writesUnder("refused")).isZero();
  }

  @Test
  void mirror_indexWhoseLowerBoundExceedsRemaining_isRefused() throws Exception {
    hub = new HubFront(1, 0);
    MirrorResult result = mirror("lower", null, 4, "team/multi:1.0");

    // an index is planned with HEADs only: itself and at least one child
    assertThat(result.budgets()).containsExactly(new PullBudget(hub.host(), 2, false, 1, null));
    assertThat(result.refusal()).contains("at least 2 pulls needed, 1 left");
    assertThat(hub.manifestGets()).isEmpty();
    assertThat(writesUnder("lower")).isZero();
  }

  @Test
  void mirror_maxPullsBelowNeeded_isRefusedThoughTheRegistryHasPlenty() throws Exception {
    hub = new HubFront(100, 0);
    MirrorResult result =
        mirror("capped", 2, 4, "team/one:1", "team/two:1", "library/busybox:1.36");

    PullBudget budget = result.budgets().get(0);
    assertThat(budget.allowed()).isEqualTo(2);
    assertThat(budget.exceeded()).isTrue();
    assertThat(result.refusal()).contains("3 pulls needed, 100 left", "--max-pulls 2");
    assertThat(hub.manifestGets()).isEmpty();
    assertThat(writesUnder("capped")).isZero();
  }

  @Test
  void mirror_budgetEnough_copiesAndSpendsExactlyTheGetsTheRegistryCounted() throws Exception {
    hub = new HubFront(50, 0);
    List<String> images =
        List.of("library/busybox:1.36", "team/app:1.0.0", "library/alpine:3.20", "team/multi:1.0");
    MirrorResult result = mirror("enough", null, 4, images.toArray(String[]::new));

    assertThat(result.refusal()).isNull();
    assertThat(result.failed()).isFalse();
    for (MirrorImage image : result.images()) {
      assertThat(image.outcome().state())
          .as(image.outcome().message())
          .isEqualTo(CopyOutcome.State.COPIED);
      String name = image.plan().source().path() + ":" + image.plan().source().tag();
      assertThat(image.outcome().digest()).isEqualTo(seeded.get(name));
    }
    int spent = result.images().stream().mapToInt(i -> i.outcome().pulls()).sum();
    // two single manifests, two indexes of two children each
    assertThat(hub.manifestGets()).hasSize(8);
    assertThat(spent).isEqualTo(hub.manifestGets().size());
    assertThat(hub.left()).isEqualTo(50 - 8);
    PullBudget budget = result.budgets().get(0);
    assertThat(budget.exact()).isFalse();
    assertThat(budget.needed()).isEqualTo(6).isLessThanOrEqualTo(spent);
  }

  @Test
  void mirror_indexLowerBoundFitsButChildrenDoNot_stopsAtTheBudgetWithoutTagging()
      throws Exception {
    hub = new HubFront(2, 0);
    MirrorResult result = mirror("midway", null, 4, "team/multi:1.0");

    assertThat(result.refusal()).isNull();
    CopyOutcome outcome = result.images().get(0).outcome();
    assertThat(outcome.state()).isEqualTo(CopyOutcome.State.FAILED);
    assertThat(outcome.message()).contains("pull budget for " + hub.host() + " is spent");
    assertThat(hub.manifestGets()).hasSize(2);
    assertThat(result.failed()).isTrue();
    assertThat(target.registryRequests())
        .noneMatch(r -> r.startsWith("PUT /v2/midway/team/multi/manifests/1.0 "));
  }

  @Test
  void mirror_429Midway_failsTheImageInFlightLeavesTheRestAndASecondRunFinishes() throws Exception {
    hub = new HubFront(2, 100); // says 102 left, answers 429 after two GETs
    String[] images = {
      "team/one:1", "team/two:1", "team/three:1", "library/busybox:1.36", "team/app:1.0.0"
    };
    MirrorResult first = mirror("limited", null, 1, images);

    assertThat(first.refusal()).isNull();
    assertThat(first.failed()).isTrue();
    List<CopyOutcome> outcomes = first.images().stream().map(MirrorImage::outcome).toList();
    assertThat(outcomes)
        .extracting(CopyOutcome::state)
        .containsExactly(
            CopyOutcome.State.COPIED,
            CopyOutcome.State.COPIED,
            CopyOutcome.State.FAILED,
            CopyOutcome.State.NOT_STARTED,
            CopyOutcome.State.NOT_STARTED);
    assertThat(outcomes.get(2).message())
        .contains(hub.host() + " answered 429", "TOOMANYREQUESTS")
        .doesNotContain("\n", "Exception");
    assertThat(outcomes.subList(3, 5))
        .allSatisfy(o -> assertThat(o.message()).contains("429").doesNotContain("\n", "Exception"));
    assertThat(hub.tooManyRequests()).isPositive();
    assertThat(writesUnder("limited/team/three")).isZero();

    hub.reset(100, 0);
    MirrorResult second = mirror("limited", null, 1, images);

    assertThat(second.failed()).isFalse();
    assertThat(second.images())
        .extracting(i -> i.outcome().state())
        .containsExactly(
            CopyOutcome.State.PRESENT,
            CopyOutcome.State.PRESENT,
            CopyOutcome.State.COPIED,
            CopyOutcome.State.COPIED,
            CopyOutcome.State.COPIED);
  }

  // ------------------------------------------------------------------------------------ helpers

  private MirrorResult mirror(String prefix, Integer maxPulls, int jobs, String... images)
      throws Exception {
    Path chart = chart(prefix, images);
    Inventory inventory =
        Katafraktos.create()
            .list(ListRequest.ofReleases(List.of(Release.of(chart, RenderOptions.defaults()))));
    AuditConfig config =
        AuditConfig.builder()
            .mapping(Mapping.parse(hub.host() + "=" + target.host() + "/" + prefix))
            .build();
    MirrorRequest request =
        new MirrorRequest(List.of(), config, null, false, jobs, List.of(), maxPulls, false, true);
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(hub.host(), target.host()))
            .headOnlyRegistries(Set.of(hub.host()))
            .build();
    return Mirrorer.mirror(inventory, request, MirrorProgress.NONE, settings);
  }

  /** A chart whose one pod runs every image, in this order, from the front. */
  private Path chart(String name, String... images) throws IOException {
    Path chart = Files.createDirectories(tmp.resolve(name + "-" + System.nanoTime()));
    Files.writeString(
        chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
    StringBuilder pod =
        new StringBuilder(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n  containers:\n");
    for (int i = 0; i < images.length; i++) {
      pod.append("    - name: c")
          .append(i)
          .append("\n      image: ")
          .append(hub.host())
          .append('/')
          .append(images[i])
          .append('\n');
    }
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("templates/pod.yaml"), pod.toString());
    return chart;
  }

  private static long writesUnder(String prefix) {
    return target.registryRequests().stream()
        .filter(r -> !r.startsWith("GET ") && !r.startsWith("HEAD "))
        .filter(r -> r.split(" ")[1].startsWith("/v2/" + prefix + "/"))
        .count();
  }

  /**
   * Docker Hub's pull accounting in front of the source registry: {@code left} manifest GETs are
   * served, each spending one; the headers state {@code left + lie} as remaining.
   */
  private static final class HubFront implements AutoCloseable {
    private static final HttpClient UPSTREAM =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final HttpServer server;
    private final AtomicInteger left = new AtomicInteger();
    private final AtomicInteger heads = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final List<String> gets = new CopyOnWriteArrayList<>();
    private volatile int lie;

    HubFront(int left, int lie) throws IOException {
      reset(left, lie);
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    void reset(int left, int lie) {
      this.left.set(left);
      this.lie = lie;
    }

    String host() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> manifestGets() {
      return List.copyOf(gets);
    }

    int heads() {
      return heads.get();
    }

    int left() {
      return left.get();
    }

    int tooManyRequests() {
      return tooMany.get();
    }

    private void handle(HttpExchange e) throws IOException {
      try (e) {
        String path = e.getRequestURI().getRawPath();
        boolean manifest = path.contains("/manifests/");
        if (manifest) {
          String method = e.getRequestMethod();
          if ("GET".equals(method)) {
            if (left.get() <= 0) {
              tooMany.incrementAndGet();
              limitHeaders(e);
              byte[] body = TOO_MANY.getBytes(StandardCharsets.UTF_8);
              e.getResponseHeaders().add("Content-Type", "application/json");
              e.sendResponseHeaders(429, body.length);
              e.getResponseBody().write(body);
              return;
            }
            left.decrementAndGet();
            gets.add(path);
          } else if ("HEAD".equals(method)) {
            heads.incrementAndGet();
          }
          limitHeaders(e);
        }
        proxy(e, path);
      }
    }

    private void limitHeaders(HttpExchange e) {
      e.getResponseHeaders().add("ratelimit-limit", "100;w=21600");
      e.getResponseHeaders().add("ratelimit-remaining", Math.max(0, left.get() + lie) + ";w=21600");
      e.getResponseHeaders().add("docker-ratelimit-source", "127.0.0.1");
    }

    private void proxy(HttpExchange e, String path) throws IOException {
      try (InputStream in = e.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      String query = e.getRequestURI().getRawQuery();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create("http://" + source.host() + path + (query == null ? "" : "?" + query)))
              .method(e.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
      String accept = e.getRequestHeaders().getFirst("Accept");
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<byte[]> r;
      try {
        r = UPSTREAM.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IOException(interrupted);
      }
      for (String header : List.of("Content-Type", "Docker-Content-Digest")) {
        r.headers().firstValue(header).ifPresent(v -> e.getResponseHeaders().add(header, v));
      }
      if ("HEAD".equals(e.getRequestMethod())) {
        r.headers()
            .firstValue("Content-Length")
            .ifPresent(v -> e.getResponseHeaders().add("Content-Length", v));
        e.sendResponseHeaders(r.statusCode(), -1);
        return;
      }
      byte[] body = r.body();
      e.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        e.getResponseBody().write(body);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
