package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code katafraktos rewrite} as a new user tries it on the test charts: what it prints, its exit
 * code, and what it does to the values files — byte for byte unchanged whenever it must not write.
 */
class RewriteCommandTest {
  static final String HUB = "docker.io=harbor.example.com/hub";

  /** A values file a person wrote for testdata/charts/repo-tag-appversion: comments everywhere. */
  static final String CACHE_VALUES =
      """
      # Production settings for the cache.
      image:
        repository: redis # the official image
        # keep the chart's appVersion
        tag: ""
        pullPolicy: Always

      resources:
        limits:
          memory: 256Mi # measured peak is 180Mi
      """;

  @TempDir Path dir;

  @Test
  void rewrite_inPlace_changesOnlyTheImageKeyAndKeepsComments() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);

    CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(values)
        .hasContent(
            """
            # Production settings for the cache.
            image:
              repository: harbor.example.com/hub/library/redis # the official image
              # keep the chart's appVersion
              tag: ""
              pullPolicy: Always

            resources:
              limits:
                memory: 256Mi # measured peak is 180Mi
            """);
    assertThat(run.out())
        .contains("1 image moved, 0 already in place, 0 cannot be moved, 0 not mapped")
        .contains(
            "  redis:7.4.2\n"
                + "    -> harbor.example.com/hub/library/redis:7.4.2\n"
                + "       "
                + values
                + ": image.repository = harbor.example.com/hub/library/redis\n")
        .endsWith(values + ": changed\n");
  }

  @Test
  void rewrite_inPlaceTwice_secondRunChangesNothing() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);
    assertThat(
            rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--in-place").exitCode())
        .isZero();
    byte[] afterFirst = Files.readAllBytes(values);

    CliRun again = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).isEmpty();
    assertThat(Files.readAllBytes(values)).isEqualTo(afterFirst);
    assertThat(again.out())
        .contains("0 images moved, 1 already in place")
        .contains("Already in place:\n  harbor.example.com/hub/library/redis:7.4.2\n")
        .endsWith(values + ": unchanged\n");
  }

  @Test
  void rewrite_keysTheFileLacks_areInsertedUnderTheirParents() throws IOException {
    Path values =
        write(
            "shop.yaml",
            """
            # Production overrides for the web shop.
            web:
              replicaCount: 3 # behind the load balancer

              image:
                # pinned after the 1.27 upgrade
                tag: "1.27.4"

            warmup:
              schedule: "0 3 * * *" # after the backup
            """);

    CliRun run = rewrite("example", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    // redis is the vendored subchart: its values go under the subchart's name
    assertThat(values)
        .hasContent(
            """
            # Production overrides for the web shop.
            web:
              replicaCount: 3 # behind the load balancer

              image:
                # pinned after the 1.27 upgrade
                tag: "1.27.4"
                repository: harbor.example.com/hub/library/nginx
              initImage:
                repository: harbor.example.com/hub/library/busybox

            warmup:
              schedule: "0 3 * * *" # after the backup
            redis:
              image:
                repository: harbor.example.com/hub/library/redis
            """);
    assertThat(run.out()).contains("Not mapped (left as they are):\n  quay.io/curl/curl:8.12.1\n");
  }

  @Test
  void rewrite_dryRun_printsAUnifiedDiffAndWritesNothing() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);

    CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(values).hasContent(CACHE_VALUES);
    assertThat(run.out())
        .startsWith(
            "--- "
                + values
                + "\n"
                + "+++ "
                + values
                + "\n"
                + "@@ -1,6 +1,6 @@\n"
                + " # Production settings for the cache.\n"
                + " image:\n"
                + "-  repository: redis # the official image\n"
                + "+  repository: harbor.example.com/hub/library/redis # the official image\n"
                + "   # keep the chart's appVersion\n"
                + "   tag: \"\"\n"
                + "   pullPolicy: Always\n"
                + chart("repo-tag-appversion")
                + ": 1 image to move, 0 already in place")
        .contains("Would move:\n  redis:7.4.2\n")
        .endsWith(values + ": would change (dry run, nothing written)\n");
  }

  @Test
  void rewrite_output_writesOnlyTheNeededKeysAndLeavesTheValuesFileAlone() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);
    Path output = dir.resolve("registry-overrides.yaml");

    CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--output", output);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(values).hasContent(CACHE_VALUES);
    assertThat(output).hasContent("image:\n  repository: harbor.example.com/hub/library/redis\n");
    assertThat(run.out())
        .contains(output + ": image.repository = harbor.example.com/hub/library/redis")
        .doesNotContain(values.toString());
  }

  @Test
  void rewrite_jsonFormat_listsFilesMovedNotControllableAndAlreadyInPlace() throws IOException {
    // nginx is already pulled through the proxy; busybox and redis are not yet
    String text =
        """
        web:
          image:
            repository: harbor.example.com/hub/library/nginx
        """;
    Path values = write("shop.yaml", text);

    CliRun run =
        rewrite("example", "-f", values, "--mapping", HUB, "--in-place", "--output-format", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("dryRun").asBoolean()).isFalse();
    JsonNode files = json.path("files");
    assertThat(files).hasSize(1);
    assertThat(files.get(0).path("path").asText()).isEqualTo(values.toString());
    assertThat(files.get(0).path("changed").asBoolean()).isTrue();
    assertThat(texts(files.get(0).path("edits")))
        .containsExactly(
            "web.initImage.repository = harbor.example.com/hub/library/busybox",
            "redis.image.repository = harbor.example.com/hub/library/redis");
    JsonNode moved = json.path("moved");
    assertThat(moved).hasSize(2);
    assertThat(moved.get(0).path("image").asText()).isEqualTo("busybox:1.37.0");
    assertThat(moved.get(0).path("target").asText())
        .isEqualTo("harbor.example.com/hub/library/busybox:1.37.0");
    JsonNode setting = moved.get(0).path("values").get(0);
    assertThat(setting.path("file").asText()).isEqualTo(values.toString());
    assertThat(setting.path("path").asText()).isEqualTo("web.initImage.repository");
    assertThat(setting.path("value").asText()).isEqualTo("harbor.example.com/hub/library/busybox");
    assertThat(moved.get(1).path("image").asText()).isEqualTo("redis:7.4.2");
    assertThat(json.path("notControllable").isArray()).isTrue();
    assertThat(json.path("notControllable")).isEmpty();
    assertThat(texts(json.path("alreadyInPlace"), "image"))
        .containsExactly("harbor.example.com/hub/library/nginx:1.27.4");
    assertThat(texts(json.path("unmapped"), "image")).containsExactly("quay.io/curl/curl:8.12.1");
  }

  @Test
  void rewrite_valuesCarriedIntoConfig_summarySaysWhatElseChanges() throws IOException {
    // values-in-config copies its values into a ConfigMap, a Secret and a custom resource
    Path values = write("app.yaml", "logging:\n  level: info\n");

    CliRun run =
        rewrite(
            "values-in-config",
            "-f",
            values,
            "--mapping",
            "docker.io=harbor.corp/dockerhub",
            "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "also changes AppInstance/release-name-app spec.repository: carries image.repository")
        .contains(
            "also changes ConfigMap/release-name-app data.values.yaml: carries image.repository")
        .contains(
            "also changes Secret/release-name-app data.values.yaml: carries image.repository");
    assertThat(values).hasContent("logging:\n  level: info\n");
  }

  @Test
  void rewrite_jsonFormat_listsWhatElseChanges() throws IOException {
    Path values = write("app.yaml", "logging:\n  level: info\n");

    CliRun run =
        rewrite(
            "values-in-config",
            "-f",
            values,
            "--mapping",
            "docker.io=harbor.corp/dockerhub",
            "--dry-run",
            "--output-format",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode also = new ObjectMapper().readTree(run.out()).path("alsoChanges");
    assertThat(also).hasSize(3);
    JsonNode configMap = null;
    for (JsonNode a : also) {
      if (a.path("kind").asText().equals("ConfigMap")) {
        configMap = a;
      }
    }
    assertThat(configMap).isNotNull();
    assertThat(configMap.path("name").asText()).isEqualTo("release-name-app");
    assertThat(configMap.path("source").asText())
        .isEqualTo("values-in-config/templates/configmap.yaml");
    assertThat(configMap.path("path").asText()).isEqualTo("/data/values.yaml");
    assertThat(texts(configMap.path("values"))).containsExactly("image.repository");
    assertThat(configMap.path("reason").asText()).isEqualTo("carries the values");
  }

  @Test
  void rewrite_mappingThatMatchesNothing_warnsNamingItAndWritesNothing() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);

    CliRun run =
        rewrite(
            "repo-tag-appversion",
            "-f",
            values,
            "--mapping",
            "gcr.io=harbor.example.com/gcr",
            "--in-place");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(values).hasContent(CACHE_VALUES);
    assertThat(run.out())
        .contains(
            "Warnings:\n  mapping gcr.io=harbor.example.com/gcr matches no image of "
                + chart("repo-tag-appversion")
                + "\n")
        .contains("Not mapped (left as they are):\n  redis:7.4.2\n")
        .endsWith(values + ": unchanged\n");
  }

  @Test
  void rewrite_malformedValuesFile_failsNamingFileLineAndColumn() throws IOException {
    Path values = dir.resolve("malformed.yaml");
    Files.copy(testdata().resolve("values/malformed.yaml"), values);
    byte[] before = Files.readAllBytes(values);

    CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    // testdata/values/README.md: the bad line is 4, the offending key at column 2
    assertThat(run.err())
        .isEqualTo(
            "katafraktos: "
                + values
                + ":4:2: expected <block end>, but found '<block mapping start>'; file left"
                + " unchanged\n");
    assertThat(Files.readAllBytes(values)).isEqualTo(before);
  }

  @Test
  void rewrite_readOnlyValuesFile_failsAndLeavesItAlone() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);
    Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r--r--r--");
    Files.setPosixFilePermissions(values, readOnly);
    try {
      CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB, "--in-place");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .isEqualTo("katafraktos: " + values + " is read-only; nothing was changed\n");
      assertThat(values).hasContent(CACHE_VALUES);
      assertThat(Files.getPosixFilePermissions(values)).isEqualTo(readOnly);
      try (var siblings = Files.list(dir)) {
        assertThat(siblings).as("no temporary file left").containsExactly(values);
      }
    } finally {
      Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void rewrite_hardCodedImage_exitsOneAndSaysWhereTheTemplateWritesIt() throws IOException {
    Path values = write("web.yaml", "");
    int line =
        lineOf(
            chart("hardcoded-image").resolve("templates/deployment.yaml"), "image: busybox:1.37.0");

    CliRun run = rewrite("hardcoded-image", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("1 image moved, 0 already in place, 1 cannot be moved")
        .contains(
            "Cannot be moved:\n"
                + "  busybox:1.37.0  Deployment/release-name-web  "
                + "hardcoded-image/templates/deployment.yaml:"
                + line
                + "\n"
                + "    hard-coded in the template: no value changes it\n");
    // what can move, moved
    assertThat(values).hasContent("image:\n  repository: harbor.example.com/hub/library/nginx\n");
  }

  @Test
  void rewrite_noTarget_isAUsageError() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);

    CliRun run = rewrite("repo-tag-appversion", "-f", values, "--mapping", HUB);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "katafraktos: Say where to write: --in-place (edit the -f files), --output FILE, or"
                + " --dry-run\n");
    assertThat(values).hasContent(CACHE_VALUES);
  }

  @Test
  void rewrite_inPlaceAndOutput_isAUsageError() throws IOException {
    Path values = write("cache.yaml", CACHE_VALUES);
    Path output = dir.resolve("out.yaml");

    CliRun run =
        rewrite(
            "repo-tag-appversion",
            "-f",
            values,
            "--mapping",
            HUB,
            "--in-place",
            "--output",
            output);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().findFirst().orElseThrow())
        .startsWith("katafraktos: ")
        .contains("--in-place")
        .contains("--output")
        .contains("mutually exclusive");
    assertThat(values).hasContent(CACHE_VALUES);
    assertThat(output).doesNotExist();
  }

  @Test
  void rewrite_imageAlreadyOnTheTarget_isListedAsAlreadyInPlace() throws IOException {
    String text = "image: harbor.example.com/hub/library/nginx:1.27 # mirrored\n";
    Path values = write("web.yaml", text);

    CliRun run = rewrite("string-image", "-f", values, "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(values).hasContent(text);
    assertThat(run.out())
        .contains("0 images moved, 1 already in place, 0 cannot be moved, 0 not mapped")
        .contains("Already in place:\n  harbor.example.com/hub/library/nginx:1.27\n")
        .doesNotContain("Warnings:")
        .endsWith(values + ": unchanged\n");
  }

  @Test
  void rewrite_noValuesFile_failsSayingWhatToName() {
    CliRun run = rewrite("string-image", "--mapping", HUB, "--in-place");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("no values file to edit").contains("-f VALUES");
  }

  @Test
  void imageSetWithSetFlag_isReportedAsSetOnTheCommandLine() throws IOException {
    Path values = write("empty.yaml", "");

    CliRun run =
        rewrite(
            "string-image",
            "-f",
            values,
            "--set",
            "image=nginx:1.27",
            "--mapping",
            HUB,
            "--in-place");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("set on the command line (--set image=nginx:1.27); change it there");
    assertThat(values).hasContent("");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static CliRun rewrite(String chart, Object... args) {
    List<String> all = new ArrayList<>(List.of("rewrite", chart(chart).toString()));
    for (Object arg : args) {
      all.add(arg.toString());
    }
    return CliRun.of(all.toArray(String[]::new));
  }

  private static Path chart(String name) {
    return testdata().resolve("charts").resolve(name);
  }

  /** The 1-based line of the first line of {@code file} that contains {@code text}. */
  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  /**
   * The repository's testdata/: {@code -Dkatafraktos.testdata} when it names a directory (it does
   * not when Maven starts inside the module), else the nearest testdata/ above the working
   * directory.
   */
  static Path testdata() {
    String property = System.getProperty("katafraktos.testdata");
    if (property != null && Files.isDirectory(Path.of(property, "charts"))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("testdata/charts"))) {
        return d.resolve("testdata");
      }
    }
    throw new AssertionError("no testdata/charts at or above " + Path.of("").toAbsolutePath());
  }
}
