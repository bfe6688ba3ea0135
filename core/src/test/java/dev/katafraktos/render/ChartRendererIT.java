package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every renderer must share with {@code helm template}, on small charts made here. */
class ChartRendererIT {
  @TempDir static Path dir;
  static Path chart;
  static ChartRenderer embedded;
  static ChartRenderer helm3;
  static ChartRenderer helm4;

  @BeforeAll
  static void writeChart() throws Exception {
    chart = dir.resolve("probe");
    write(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: probe\nversion: 1.0.0\nappVersion: \"2.0\"\n"
            + "annotations:\n  artifacthub.io/images: |\n    - name: app\n      image: nginx:1.27\n");
    write(chart.resolve("values.yaml"), "image: nginx:1.27\nflag: false\n");
    write(
        chart.resolve("crds/crd.yaml"),
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n");
    write(
        chart.resolve("templates/facts.yaml"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: {{ .Release.Name }}-facts",
            "  namespace: {{ .Release.Namespace }}",
            "data:",
            "  kube: {{ .Capabilities.KubeVersion.Version | quote }}",
            "  lookup: {{ if (lookup \"v1\" \"Secret\" .Release.Namespace \"anything\") }}found{{ else }}empty{{ end }}",
            "  lookupList: {{ (lookup \"v1\" \"ConfigMap\" \"\" \"\") | toJson | quote }}",
            "  flagKind: {{ kindOf .Values.flag | quote }}",
            "  flag: {{ .Values.flag | quote }}",
            "  tagKind: {{ kindOf .Values.tag | quote }}",
            "  tag: {{ .Values.tag | quote }}",
            "  listKind: {{ kindOf .Values.list | quote }}",
            "  fromFile: {{ .Values.fromFile | default \"none\" | quote }}",
            "  apis: {{ if .Capabilities.APIVersions.Has \"example.com/v1\" }}has{{ else }}lacks{{ end }}",
            ""));
    write(
        chart.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: {{ .Release.Name }}",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: app",
            "          image: {{ .Values.image }}",
            ""));
    write(
        chart.resolve("templates/tests/test.yaml"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: {{ .Release.Name }}-test",
            "  annotations:",
            "    \"helm.sh/hook\": test",
            "    \"helm.sh/hook-delete-policy\": hook-succeeded",
            "spec:",
            "  containers:",
            "    - name: test",
            "      image: busybox:1.36",
            ""));
    embedded = Renderers.embedded();
    helm3 = Renderers.helmBinary(RealTools.helm3());
    helm4 = Renderers.helmBinary(RealTools.helm4());
  }

  @AfterAll
  static void close() {
    embedded.close();
  }

  static Stream<Named<ChartRenderer>> renderers() {
    return Stream.of(
        Named.of("embedded", embedded), Named.of("helm 3", helm3), Named.of("helm 4", helm4));
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_keepsSourcesAndHooks_dropsCrdDirectory(ChartRenderer renderer) throws Exception {
    RenderedManifest manifest =
        renderer.render(RenderRequest.builder(chart).release("rel").namespace("ns").build());

    assertThat(manifest.chartName()).isEqualTo("probe");
    assertThat(manifest.release()).isEqualTo("rel");
    assertThat(manifest.chartAnnotations()).containsKey("artifacthub.io/images");
    assertThat(manifest.documents())
        .extracting(RenderedDocument::source)
        .containsExactlyInAnyOrder(
            "probe/templates/facts.yaml",
            "probe/templates/deploy.yaml",
            "probe/templates/tests/test.yaml");
    String test = document(manifest, "probe/templates/tests/test.yaml");
    assertThat(test)
        .contains("\"helm.sh/hook\": test")
        .contains("name: rel-test")
        .doesNotContain("katafraktos");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_includeCrds_keepsCrdDirectory(ChartRenderer renderer) throws Exception {
    RenderedManifest manifest =
        renderer.render(RenderRequest.builder(chart).includeCrds(true).build());

    assertThat(manifest.documents())
        .extracting(RenderedDocument::source)
        .contains("probe/crds/crd.yaml");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_skipTests_dropsTestHooks(ChartRenderer renderer) throws Exception {
    RenderedManifest manifest =
        renderer.render(RenderRequest.builder(chart).skipTests(true).build());

    assertThat(manifest.documents())
        .extracting(RenderedDocument::source)
        .doesNotContain("probe/templates/tests/test.yaml");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_lookup_findsNothingAsHelmTemplateDoes(ChartRenderer renderer) throws Exception {
    Map<String, String> facts = facts(renderer.render(RenderRequest.builder(chart).build()));

    assertThat(facts).containsEntry("lookup", "empty").containsEntry("lookupList", "\"{}\"");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_noKubeVersion_usesWhatThatHelmCliDefaultsTo(ChartRenderer renderer) throws Exception {
    // helm 3.17's CLI defaults to v1.32.0 and helm 4.1's to v1.35.0 (corpus README); the embedded
    // helm 3.21 must not fall back to helm-java's v1.20.0
    String expected = renderer.describe().startsWith("helm v3.17") ? "v1.32.0" : "v1.35.0";

    Map<String, String> facts = facts(renderer.render(RenderRequest.builder(chart).build()));

    assertThat(facts).containsEntry("kube", "\"" + expected + "\"");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_kubeVersion_reachesCapabilities(ChartRenderer renderer) throws Exception {
    Map<String, String> facts =
        facts(renderer.render(RenderRequest.builder(chart).kubeVersion("1.30.0").build()));

    assertThat(facts).containsEntry("kube", "\"v1.30.0\"");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_setAndSetString_typeValuesAsHelmDoes(ChartRenderer renderer) throws Exception {
    RenderRequest request =
        RenderRequest.builder(chart).set("flag=true,list={a,b}").setString("tag=10").build();

    Map<String, String> facts = facts(renderer.render(request));

    assertThat(facts)
        .containsEntry("flagKind", "\"bool\"")
        .containsEntry("tagKind", "\"string\"")
        .containsEntry("tag", "\"10\"")
        .containsEntry("listKind", "\"slice\"");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_valuesFiles_laterFileWins_evenWithACommaInItsPath(ChartRenderer renderer)
      throws Exception {
    Path first = write(dir.resolve("first.yaml"), "fromFile: first\nimage: redis:7.2\n");
    Path second = write(dir.resolve("second,with-comma.yaml"), "fromFile: second\n");

    RenderedManifest manifest =
        renderer.render(RenderRequest.builder(chart).valuesFile(first).valuesFile(second).build());

    assertThat(facts(manifest)).containsEntry("fromFile", "\"second\"");
    assertThat(document(manifest, "probe/templates/deploy.yaml")).contains("image: redis:7.2");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_packagedChart_rendersLikeTheDirectory(ChartRenderer renderer) throws Exception {
    Path tgz = dir.resolve("probe-1.0.0.tgz");
    if (!Files.exists(tgz)) {
      Process tar =
          new ProcessBuilder("tar", "czf", tgz.toString(), "-C", dir.toString(), "probe")
              .inheritIO()
              .start();
      assertThat(tar.waitFor()).isZero();
    }

    RenderedManifest manifest = renderer.render(RenderRequest.builder(tgz).build());

    assertThat(manifest.chartName()).isEqualTo("probe");
    assertThat(document(manifest, "probe/templates/tests/test.yaml"))
        .contains("\"helm.sh/hook\": test");
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_templateError_namesChartAndTemplate(ChartRenderer renderer) throws Exception {
    Path broken = dir.resolve("broken-" + renderer.describe().hashCode());
    write(broken.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
    write(
        broken.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  tag: {{ required \"image.tag is required\" .Values.missingTag }}\n");

    assertThatThrownBy(() -> renderer.render(RenderRequest.builder(broken).build()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("broken/templates/cm.yaml")
        .hasMessageContaining("image.tag is required")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_missingChart_saysSo(ChartRenderer renderer) {
    Path missing = dir.resolve("no-such-chart");

    assertThatThrownBy(() -> renderer.render(RenderRequest.builder(missing).build()))
        .isInstanceOf(RenderException.class)
        .hasMessage("Chart not found: " + missing);
  }

  @ParameterizedTest
  @MethodSource("renderers")
  void render_malformedValuesFile_namesFileLineAndColumn(ChartRenderer renderer) throws Exception {
    Path bad = write(dir.resolve("bad.yaml"), "image:\n  tag: [1, 2\nother: x\n");

    assertThatThrownBy(() -> renderer.render(RenderRequest.builder(chart).valuesFile(bad).build()))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("Invalid YAML in values file " + bad + ":3:");
  }

  @org.junit.jupiter.api.Test
  void renderAll_rendersEveryChartInRequestOrder_andKeepsFailuresApart() {
    List<RenderResult> results =
        embedded.renderAll(
            List.of(
                RenderRequest.builder(chart).release("one").build(),
                RenderRequest.builder(dir.resolve("missing")).build(),
                RenderRequest.builder(chart).release("three").build()));

    assertThat(results).extracting(RenderResult::ok).containsExactly(true, false, true);
    assertThat(results.get(2).manifest().release()).isEqualTo("three");
  }

  @ParameterizedTest
  @MethodSource("binaries")
  void render_apiVersions_areInCapabilitiesAsHelmPutsThem(ChartRenderer renderer) throws Exception {
    Map<String, String> without = facts(renderer.render(RenderRequest.builder(chart).build()));
    Map<String, String> with =
        facts(
            renderer.render(
                RenderRequest.builder(chart).apiVersions(List.of("example.com/v1")).build()));

    assertThat(without).containsEntry("apis", "lacks");
    assertThat(with).containsEntry("apis", "has");
  }

  static Stream<Named<ChartRenderer>> binaries() {
    return Stream.of(Named.of("helm 3", helm3), Named.of("helm 4", helm4));
  }

  @Test
  void render_apiVersionsWithTheEmbeddedRenderer_isRefusedNotIgnored() {
    assertThatThrownBy(
            () ->
                embedded.render(
                    RenderRequest.builder(chart).apiVersions(List.of("example.com/v1")).build()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("cannot set .Capabilities.APIVersions")
        .hasMessageContaining("--renderer helm");
  }

  static Map<String, String> facts(RenderedManifest manifest) {
    return document(manifest, "probe/templates/facts.yaml")
        .lines()
        .filter(l -> l.startsWith("  "))
        .map(String::strip)
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).strip()));
  }

  static String document(RenderedManifest manifest, String source) {
    return manifest.documents().stream()
        .filter(d -> source.equals(d.source()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no document from " + source))
        .content();
  }

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
