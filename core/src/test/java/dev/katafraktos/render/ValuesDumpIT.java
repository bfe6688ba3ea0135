package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Effective values ({@link RenderRequest.Builder#dumpValues}) from every renderer. */
class ValuesDumpIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static ChartRenderer embedded;
  static ChartRenderer helm3;
  static ChartRenderer helm4;

  @BeforeAll
  static void start() throws RenderException {
    embedded = Renderers.embedded();
    helm3 = Renderers.helmBinary(RealTools.helm3());
    helm4 = Renderers.helmBinary(RealTools.helm4());
  }

  @AfterAll
  static void close() {
    Stream.of(embedded, helm3, helm4).forEach(ChartRenderer::close);
  }

  static Stream<Named<ChartRenderer>> renderers() {
    return Stream.of(
        Named.of("embedded", embedded), Named.of("helm 3", helm3), Named.of("helm 4", helm4));
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void subchart_defaultsOfTheSubchartSitUnderItsName(ChartRenderer renderer) throws Exception {
    JsonNode values = values(renderer, RenderRequest.builder(testChart("subchart")));

    assertThat(values.at("/image/repository").asText()).isEqualTo("nginx");
    assertThat(values.at("/cache/image/repository").asText())
        .as("the subchart's own default")
        .isEqualTo("redis");
    assertThat(values.at("/cache/image/tag").asText())
        .as("the parent's value wins over the subchart's 7.2.5")
        .isEqualTo("7.4.2");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void subchart_valuesFileAndSet_overrideDefaults_andGlobalsReachTheSubchart(ChartRenderer renderer)
      throws Exception {
    Path file =
        write(
            dir.resolve("subchart-values.yaml"),
            "image:\n  tag: 1.28.0\ncache:\n  image:\n    repository: valkey/valkey\n");

    JsonNode values =
        values(
            renderer,
            RenderRequest.builder(testChart("subchart"))
                .valuesFile(file)
                .set("cache.image.tag=8.0.1,global.mirror=harbor.corp.example")
                .setString("replicas=2"));

    assertThat(values.at("/image/tag").asText()).isEqualTo("1.28.0");
    assertThat(values.at("/image/repository").asText()).isEqualTo("nginx");
    assertThat(values.at("/cache/image/repository").asText()).isEqualTo("valkey/valkey");
    assertThat(values.at("/cache/image/tag").asText()).isEqualTo("8.0.1");
    assertThat(values.at("/global/mirror").asText()).isEqualTo("harbor.corp.example");
    assertThat(values.at("/cache/global/mirror").asText()).isEqualTo("harbor.corp.example");
    assertThat(values.at("/replicas").isTextual()).as("--set-string types a string").isTrue();
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void globalImageRegistry_setGlobalAndValuesFile_areInTheValues(ChartRenderer renderer)
      throws Exception {
    Path file = write(dir.resolve("metrics.yaml"), "metrics:\n  image:\n    tag: 1.5.0\n");

    JsonNode values =
        values(
            renderer,
            RenderRequest.builder(testChart("global-image-registry"))
                .valuesFile(file)
                .set("global.imageRegistry=harbor.corp.example/proxy"));

    assertThat(values.at("/global/imageRegistry").asText()).isEqualTo("harbor.corp.example/proxy");
    assertThat(values.at("/metrics/image/tag").asText()).isEqualTo("1.5.0");
    assertThat(values.at("/metrics/image/registry").asText()).isEqualTo("docker.io");
    assertThat(values.at("/image/tag").asText()).isEqualTo("1.29.1-debian-12-r0");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void dumpValues_leavesEveryDocumentAsItWas(ChartRenderer renderer) throws Exception {
    List<Path> charts;
    try (Stream<Path> dirs = Files.list(RealTools.testdata().resolve("charts"))) {
      charts = dirs.filter(d -> Files.exists(d.resolve("expected-images.json"))).sorted().toList();
    }
    assertThat(charts).hasSizeGreaterThanOrEqualTo(13);

    for (Path chart : charts) {
      for (boolean crds : new boolean[] {false, true}) {
        RenderRequest.Builder request =
            RenderRequest.builder(chart).release("rel").namespace("ns").includeCrds(crds);
        RenderedManifest plain = renderer.render(request.build());
        RenderedManifest dumped = renderer.render(request.dumpValues(true).build());

        assertThat(dumped.documents()).as("%s, crds %s", chart, crds).isEqualTo(plain.documents());
        assertThat(plain.valuesJson()).isNull();
        assertThat(dumped.valuesJson()).startsWith("{");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void templatesThatSetValues_runAfterTheDump_evenDeepInAPackagedSubchart(ChartRenderer renderer)
      throws Exception {
    Path chart = dir.resolve("setter");
    if (!Files.exists(chart)) {
      String setter =
          "{{- $_ := set .Values \"password\" (randAlphaNum 10) }}\n"
              + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Chart.Name }}\n"
              + "stringData:\n  password: {{ .Values.password }}\n";
      Path sub = dir.resolve("packaging/deep");
      write(sub.resolve("Chart.yaml"), "apiVersion: v2\nname: deep\nversion: 1.0.0\n");
      write(sub.resolve("values.yaml"), "password: \"\"\n");
      write(sub.resolve("templates/a/b/c/d/e/f/secret.yaml"), setter);
      write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: setter\nversion: 1.0.0\n");
      write(chart.resolve("values.yaml"), "password: \"\"\n");
      write(chart.resolve("templates/secret.yaml"), setter);
      Files.createDirectories(chart.resolve("charts"));
      tar(chart.resolve("charts/deep-1.0.0.tgz"), sub.getParent(), "deep");
    }

    JsonNode values = values(renderer, RenderRequest.builder(chart));

    assertThat(values.at("/password").asText()).isEmpty();
    assertThat(values.at("/deep/password").asText()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void hookAnnotationsInValues_keepTheirSpelling(ChartRenderer renderer) throws Exception {
    Path chart = dir.resolve("hooks");
    write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hooks\nversion: 1.0.0\n");
    write(chart.resolve("values.yaml"), "jobAnnotations:\n  helm.sh/hook: pre-install\n");
    write(
        chart.resolve("templates/job.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n"
            + "    {{- toYaml .Values.jobAnnotations | nindent 4 }}\n");
    Path file =
        write(dir.resolve("weight.yaml"), "jobAnnotations:\n  helm.sh/hook-weight: \"1\"\n");

    RenderedManifest manifest =
        renderer.render(
            RenderRequest.builder(chart)
                .valuesFile(file)
                .set("extra.helm\\.sh/hook=test")
                .dumpValues(true)
                .build());

    JsonNode values = JSON.readTree(manifest.valuesJson());
    assertThat(values.at("/jobAnnotations").toString())
        .isEqualTo("{\"helm.sh/hook\":\"pre-install\",\"helm.sh/hook-weight\":\"1\"}");
    assertThat(values.at("/extra").toString()).isEqualTo("{\"helm.sh/hook\":\"test\"}");
    assertThat(manifest.documents()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void packagedChart_hasTheValuesOfItsDirectory(ChartRenderer renderer) throws Exception {
    Path tgz = dir.resolve("subchart-0.1.0.tgz");
    if (!Files.exists(tgz)) {
      tar(tgz, testChart("subchart").getParent(), "subchart");
    }

    assertThat(values(renderer, RenderRequest.builder(tgz)))
        .isEqualTo(values(renderer, RenderRequest.builder(testChart("subchart"))));
  }

  @Test
  void corpus_embeddedValuesEqualHelm4s_andHelm3sUpToNullSubchartDefaults() throws Exception {
    Path corpus = RealTools.corpus();
    List<String> charts = CorpusComparison.charts(corpus);
    List<RenderRequest> requests = new ArrayList<>();
    for (String chart : charts) {
      requests.add(
          RenderRequest.builder(corpus.resolve("charts").resolve(chart))
              .release("rel")
              .namespace("ns")
              .kubeVersion(CorpusComparison.kubeVersion(CorpusComparison.expected(corpus, chart)))
              .dumpValues(true)
              .build());
    }
    assertThat(charts).hasSize(17);

    List<JsonNode> fromEmbedded = valuesOfAll(embedded, requests);
    List<JsonNode> fromHelm3 = valuesOfAll(helm3, requests);
    List<JsonNode> fromHelm4 = valuesOfAll(helm4, requests);

    for (int i = 0; i < charts.size(); i++) {
      assertThat(differences("", fromEmbedded.get(i), fromHelm4.get(i)))
          .as("%s: embedded (helm 3.21) and helm 4 differ at", charts.get(i))
          .isEmpty();
      // helm 3.17 drops the null defaults of subcharts; helm 3.21 and 4.1 keep them
      // (helm/helm#31644, in helm 3 from #31829): the one difference there may be
      assertThat(differences("", fromEmbedded.get(i), fromHelm3.get(i)))
          .as("%s: embedded (helm 3.21) and helm 3.17 differ at", charts.get(i))
          .allSatisfy(d -> assertThat(d.a().isNull() && d.b() == null).as(d.toString()).isTrue());
    }
  }

  /** Where two values differ: a JSON pointer and the value on each side ({@code null}: absent). */
  record Difference(String pointer, JsonNode a, JsonNode b) {}

  static List<Difference> differences(String pointer, JsonNode a, JsonNode b) {
    List<Difference> out = new ArrayList<>();
    if (a == null || b == null || !a.isObject() || !b.isObject()) {
      if (a == null || !a.equals(b)) {
        out.add(new Difference(pointer, a, b));
      }
      return out;
    }
    Set<String> names = new TreeSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      out.addAll(differences(pointer + "/" + name, a.get(name), b.get(name)));
    }
    return out;
  }

  private static List<JsonNode> valuesOfAll(ChartRenderer renderer, List<RenderRequest> requests)
      throws IOException {
    List<JsonNode> values = new ArrayList<>();
    for (RenderResult result : renderer.renderAll(requests)) {
      assertThat(result.failure()).as("render of %s", result.request().chart()).isNull();
      values.add(JSON.readTree(result.manifest().valuesJson()));
    }
    return values;
  }

  private static JsonNode values(ChartRenderer renderer, RenderRequest.Builder request)
      throws RenderException, IOException {
    return JSON.readTree(renderer.render(request.dumpValues(true).build()).valuesJson());
  }

  private static Path testChart(String name) {
    return RealTools.testdata().resolve("charts").resolve(name);
  }

  private static void tar(Path tgz, Path parent, String folder) throws Exception {
    Process tar =
        new ProcessBuilder("tar", "czf", tgz.toString(), "-C", parent.toString(), folder)
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
