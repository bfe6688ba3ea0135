package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's flow, with the packaged CLI in a JVM of {@code -Xmx128m}: {@code audit} finds images
 * missing from the target, {@code mirror} copies them, {@code rewrite} points the values at them,
 * and {@code audit} passes. The source is a registry with token auth over TLS (a private CA); the
 * target is Harbor-shaped (distribution behind a front that answers a missing manifest as Harbor
 * does). The images: a Docker v2 image, an OCI image, a Docker manifest list, an OCI index, two
 * images in different repositories sharing a layer, one with a 64 MiB layer (half the CLI's heap)
 * and a cosign signature tag. Every copied manifest is compared with the source's byte for byte by
 * skopeo; the target registry's own log shows the shared layer mounted, and no write in a second
 * run.
 */
class MirrorCommandIT {
  private static final String SIG_TAG_OF_APP = "sha256-%s.sig";

  /** values key, source repository:tag. */
  private static final Map<String, String> IMAGES = new LinkedHashMap<>();

  static {
    IMAGES.put("big", "team/big:1.0");
    IMAGES.put("alpine", "library/alpine:3.20");
    IMAGES.put("busybox", "library/busybox:1.36");
    IMAGES.put("app", "team/app:1.0.0");
    IMAGES.put("multi", "team/multi:1.0");
    IMAGES.put("baseA", "team/base-a:1");
    IMAGES.put("baseB", "other/base-b:2");
  }

  private static CliRegistry source;
  private static CliRegistry target;
  private static String src;
  private static String dst;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    RealParts.requireTool("skopeo", "install it with `apt-get install skopeo` (.ci/run does)");
    source =
        CliRegistry.start(
            "token",
            List.of(),
            List.of("--tls"),
            "library/alpine:3.20=docker-list",
            "library/busybox:1.36=docker",
            "team/app:1.0.0=oci",
            "team/multi:1.0=oci-index",
            "team/base-a:1=oci+base:debian",
            "other/base-b:2=docker+base:debian",
            "team/big:1.0=big:64",
            "team/app:sig=sig:1.0.0",
            "team/multi:sbom=referrer:1.0");
    target = CliRegistry.start("open", List.of(), List.of("--harbor-404", "--log-level", "info"));
    src = source.host();
    dst = target.env("PROXY_HOST");
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

  /** A chart deploying every image from its values, and katafraktos.yaml mapping to a prefix. */
  private static Path project(String name, String prefix) throws IOException {
    Path project = dir.resolve(name);
    Path chart = project.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    StringBuilder values = new StringBuilder("# images, one per component\n");
    StringBuilder pods = new StringBuilder();
    for (Map.Entry<String, String> image : IMAGES.entrySet()) {
      values
          .append(image.getKey())
          .append(":\n  image: ")
          .append(src)
          .append('/')
          .append(image.getValue())
          .append("  # pinned by the release team\n");
      pods.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ")
          .append(image.getKey().toLowerCase(java.util.Locale.ROOT))
          .append("\nspec:\n  containers:\n    - name: c\n      image: {{ .Values.")
          .append(image.getKey())
          .append(".image }}\n");
    }
    Files.writeString(chart.resolve("values.yaml"), values);
    Files.writeString(chart.resolve("templates/pods.yaml"), pods);
    Files.writeString(
        project.resolve("katafraktos.yaml"),
        String.join(
            "\n",
            "registry: " + dst,
            "mappings:",
            "  " + src + ": " + dst + "/" + prefix,
            "insecureRegistries: [" + dst + "]",
            "caFile: " + source.env("REGISTRY_CA_CERT"),
            "credentials:",
            "  " + src + ":",
            "    usernameEnv: SRC_USER",
            "    passwordEnv: SRC_PASSWORD",
            ""));
    return project;
  }

  private static PackagedCli cli(Path project) {
    return PackagedCli.create()
        .jvm("-Xmx128m")
        .in(project)
        .env("SRC_USER", "admin")
        .env("SRC_PASSWORD", "Harbor12345");
  }

  private static CliRun run(Path project, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", "katafraktos.yaml", "chart"));
    return cli(project).run(all.toArray(String[]::new));
  }

  @Test
  void auditMirrorRewriteAuditPasses() throws Exception {
    Path project = project("flow", "mirror");

    CliRun before = run(project, "audit");
    assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(1);
    assertThat(before.out()).contains("missing-in-registry");

    int mark = target.requests().size();
    CliRun plan = run(project, "mirror", "--dry-run");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("plan: 7 to copy");
    assertThat(writes(since(mark))).isZero();

    CliRun mirror = run(project, "mirror");
    assertThat(mirror.exitCode()).as(mirror.out() + mirror.err()).isZero();
    assertThat(mirror.out()).contains("7 copied");
    for (String image : IMAGES.values()) {
      assertThat(target.rawManifest(dst, "mirror/" + image))
          .as(image)
          .isEqualTo(source.rawManifest(src, image));
    }
    String app = source.digest("team/app:1.0.0").substring("sha256:".length());
    String sig = String.format(SIG_TAG_OF_APP, app);
    assertThat(target.rawManifest(dst, "mirror/team/app:" + sig))
        .isEqualTo(source.rawManifest(src, "team/app:" + sig));

    // the OCI referrer: its manifest by digest, and the fallback tag that lists it
    String multi = source.digest("team/multi:1.0").replace(':', '-');
    assertThat(target.rawManifest(dst, "mirror/team/multi:" + multi))
        .isEqualTo(source.rawManifest(src, "team/multi:" + multi));
    String referrer = source.digest("team/multi:sbom");
    assertThat(target.rawManifest(dst, "mirror/team/multi@" + referrer))
        .isEqualTo(source.rawManifest(src, "team/multi@" + referrer));

    List<String> log = since(mark);
    String shared = sharedLayer();
    assertThat(log)
        .filteredOn(
            r ->
                r.startsWith("PUT ")
                    && r.contains("/blobs/uploads/")
                    && r.contains(shared.replace(":", "%3A")))
        .as("the shared layer is uploaded once")
        .hasSize(1);
    assertThat(log)
        .anyMatch(
            r ->
                r.startsWith("POST ")
                    && r.contains("mount=" + shared.replace(":", "%3A"))
                    && r.endsWith(" 201"));

    int writes = writes(target.requests());
    CliRun again = run(project, "mirror");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("7 present").doesNotContain("copied");
    assertThat(writes(target.requests())).isEqualTo(writes);

    CliRun rewrite = run(project, "rewrite", "--in-place", "-f", "chart/values.yaml");
    assertThat(rewrite.exitCode()).as(rewrite.out() + rewrite.err()).isZero();
    assertThat(Files.readString(project.resolve("chart/values.yaml")))
        .contains("image: " + dst + "/mirror/team/big:1.0  # pinned by the release team");

    CliRun after = run(project, "audit");
    assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
  }

  @Test
  void aRunKilledMidwayIsFinishedByRunningAgain() throws Exception {
    Path project = project("killed", "killed");
    int before = target.requests().size();
    Process p =
        cli(project).start("mirror", "--jobs", "1", "--config", "katafraktos.yaml", "chart");
    p.getOutputStream().close();
    // kill as soon as the target has the first blob of this run, long before the 64 MiB one
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      List<String> log = target.requests();
      if (log.subList(before, log.size()).stream()
          .anyMatch(r -> r.startsWith("PUT /v2/killed/") && r.endsWith(" 201"))) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the run is still copying when killed").isTrue();
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    List<String> missing = new ArrayList<>();
    for (String image : IMAGES.values()) {
      if (head("killed/" + image) != 200) {
        missing.add(image);
      }
    }
    assertThat(missing).as("images the killed run did not finish").isNotEmpty();

    CliRun again = run(project, "mirror");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    for (String image : IMAGES.values()) {
      assertThat(target.rawManifest(dst, "killed/" + image))
          .as(image)
          .isEqualTo(source.rawManifest(src, image));
    }
  }

  /** The layer the seeder puts in both base images (the first layer of team/base-a). */
  private static String sharedLayer() throws Exception {
    String manifest =
        new String(
            source.rawManifest(src, "team/base-a:1"), java.nio.charset.StandardCharsets.UTF_8);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
    return json.path("layers").get(0).path("digest").asText();
  }

  private static int head(String repositoryAndTag) throws Exception {
    int colon = repositoryAndTag.lastIndexOf(':');
    URI uri =
        URI.create(
            "http://"
                + dst
                + "/v2/"
                + repositoryAndTag.substring(0, colon)
                + "/manifests/"
                + repositoryAndTag.substring(colon + 1));
    HttpResponse<Void> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header(
                        "Accept",
                        "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }

  /** The target's log from entry {@code mark} on. */
  private static List<String> since(int mark) {
    List<String> log = target.requests();
    return log.subList(mark, log.size());
  }

  private static int writes(List<String> requests) {
    return (int)
        requests.stream()
            .filter(r -> r.startsWith("PUT ") || r.startsWith("POST ") || r.startsWith("PATCH "))
            .count();
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
