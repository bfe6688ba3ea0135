package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real charts whose images or API versions depend on the Kubernetes version, rendered by real helm
 * 3 and helm 4 processes with the same {@code --kube-version} (and {@code --api-versions}): what
 * Katafraktos lists per version must be what helm renders for it. The expected side is a plain walk
 * over helm's YAML documents (apiVersion/kind of each, image of each container and initContainer of
 * any pod spec), not Katafraktos' extractor.
 *
 * <ul>
 *   <li>{@code csi-vxflexos} 2.0.0 (testdata/corpus-versions): six CSI sidecar images chosen per
 *       minor version (1.19, 1.20–1.21, 1.22+);
 *   <li>{@code cluster-autoscaler} (testdata/corpus): its PodDisruptionBudget is {@code
 *       policy/v1beta1} before 1.21, {@code policy/v1} after;
 *   <li>{@code velero} (testdata/corpus) with testdata/corpus-versions/values/velero.yaml: its CRD
 *       jobs run {@code registry.k8s.io/kubectl} tagged with the cluster version, and a
 *       ServiceMonitor renders only when the cluster serves {@code monitoring.coreos.com/v1};
 *   <li>{@code upgrade-story} (testdata/charts): the hand-written story of issue 13.
 * </ul>
 */
class KubeVersionConformanceIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  record Case(String name, Path chart, Path values, List<String> versions, String apiVersion) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Path testdata = RealTools.testdata();
    Path versions = testdata.resolve("corpus-versions");
    Path corpus = testdata.resolve("corpus");
    return Stream.of(
        new Case(
            "csi-vxflexos",
            versions.resolve("charts/csi-vxflexos"),
            null,
            List.of("1.19.0", "1.21.0", "1.22.0"),
            null),
        new Case(
            "cluster-autoscaler",
            corpus.resolve("charts/cluster-autoscaler"),
            corpus.resolve("values/cluster-autoscaler.yaml"),
            List.of("1.19.0", "1.21.0", "1.25.0"),
            null),
        new Case(
            "velero",
            corpus.resolve("charts/velero"),
            versions.resolve("values/velero.yaml"),
            List.of("1.19.0", "1.25.0", "1.30.0"),
            "monitoring.coreos.com/v1"),
        new Case(
            "upgrade-story",
            testdata.resolve("charts/upgrade-story"),
            null,
            List.of("1.19.0", "1.21.0", "1.25.0"),
            null));
  }

  /** What one helm render holds: the sorted apiVersion/kind of every document, the pod images. */
  record Rendered(List<String> objects, TreeSet<String> images) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void kubeVersions_embeddedRendererAgreesWithHelm3And4(Case c) throws Exception {
    Map<String, Rendered> byVersion = new LinkedHashMap<>();
    try (ChartRenderer embedded = Renderers.embedded()) {
      for (String version : c.versions()) {
        Rendered helm = helmAgreeing(c, List.of("--kube-version", version));
        byVersion.put(version, helm);

        RenderRequest.Builder request =
            RenderRequest.builder(c.chart()).release("rel").namespace("ns").kubeVersion(version);
        if (c.values() != null) {
          request.valuesFiles(List.of(c.values()));
        }
        assertThat(objects(embedded.render(request.build()).documents()))
            .as("%s on %s: apiVersion/kind of the embedded render", c, version)
            .isEqualTo(helm.objects());
        assertThat(listed(c, options(c).kubeVersion(version).build()))
            .as("%s on %s: images Katafraktos lists", c, version)
            .isEqualTo(helm.images());
      }
    }
    // otherwise the test proves nothing about versions
    assertThat(byVersion.values().stream().distinct().count())
        .as("%s renders differently on %s", c, c.versions())
        .isGreaterThan(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void apiVersions_helmRendererAgreesWithHelm(Case c) throws Exception {
    if (c.apiVersion() == null) {
      return;
    }
    String version = c.versions().get(c.versions().size() - 1);
    List<String> flags = List.of("--kube-version", version);
    Rendered without = helmAgreeing(c, flags);
    Rendered with =
        helmAgreeing(c, List.of(flags.get(0), flags.get(1), "--api-versions", c.apiVersion()));
    assertThat(with.objects()).as("%s with %s", c, c.apiVersion()).isNotEqualTo(without.objects());

    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
        RenderRequest.Builder request =
            RenderRequest.builder(c.chart())
                .release("rel")
                .namespace("ns")
                .kubeVersion(version)
                .apiVersions(List.of(c.apiVersion()));
        if (c.values() != null) {
          request.valuesFiles(List.of(c.values()));
        }
        assertThat(objects(renderer.render(request.build()).documents()))
            .as("%s with %s through %s", c, c.apiVersion(), helm)
            .isEqualTo(with.objects());
      }
      RenderOptions options =
          options(c)
              .kubeVersion(version)
              .apiVersions(List.of(c.apiVersion()))
              .renderer(RendererKind.HELM)
              .helmBinary(helm)
              .build();
      assertThat(listed(c, options)).as("%s images through %s", c, helm).isEqualTo(with.images());
    }
  }

  @org.junit.jupiter.api.Test
  void removedApi_clusterAutoscalersPdbDeployedOn119_isNotServedOn125() throws Exception {
    Case c = cases().filter(x -> x.name().equals("cluster-autoscaler")).findFirst().orElseThrow();
    // what helm renders: the chart moves its PodDisruptionBudget to policy/v1 from 1.21 on
    assertThat(helmAgreeing(c, List.of("--kube-version", "1.19.0")).objects())
        .contains("policy/v1beta1 PodDisruptionBudget");
    assertThat(helmAgreeing(c, List.of("--kube-version", "1.25.0")).objects())
        .contains("policy/v1 PodDisruptionBudget")
        .doesNotContain("policy/v1beta1 PodDisruptionBudget");

    List<Release> releases =
        KubeVersions.expand(
            ListRequest.of(List.of(c.chart()), options(c).build()).releases(),
            List.of("1.19.0", "1.25.0"));
    AuditResult result = Katafraktos.create().audit(new AuditRequest(releases, null, true, null));

    // policy/v1beta1 PodDisruptionBudget: removed in 1.25 (the deprecated-API migration guide)
    assertThat(result.findings().stream().filter(f -> f.object() != null))
        .extracting(f -> f.ruleId() + " " + f.kubeVersion() + " " + f.object().describe())
        .containsExactly(
            "removed-api 1.25.0 policy/v1beta1 PodDisruptionBudget rel-aws-cluster-autoscaler");
  }

  private static RenderOptions.Builder options(Case c) {
    RenderOptions.Builder options = RenderOptions.builder().release("rel").namespace("ns");
    if (c.values() != null) {
      options.valuesFiles(List.of(c.values()));
    }
    return options;
  }

  /** The images Katafraktos lists that some pod runs (not those found in args, env, config). */
  private static TreeSet<String> listed(Case c, RenderOptions options) throws Exception {
    Inventory inventory = Katafraktos.create().list(ListRequest.of(List.of(c.chart()), options));
    assertThat(inventory.charts()).hasSize(1);
    TreeSet<String> images = new TreeSet<>();
    for (InventoryImage image : inventory.charts().get(0).images()) {
      if (image.occurrences().stream().anyMatch(o -> o.origin() == Origin.POD)) {
        images.add(image.image());
      }
    }
    return images;
  }

  /** helm 3 and helm 4 with the same flags, which must agree; what they rendered. */
  private static Rendered helmAgreeing(Case c, List<String> flags) throws Exception {
    Rendered helm3 = walk(helmTemplate(RealTools.helm3(), c, flags));
    Rendered helm4 = walk(helmTemplate(RealTools.helm4(), c, flags));
    assertThat(helm4).as("%s %s: helm 4 renders what helm 3 does", c, flags).isEqualTo(helm3);
    assertThat(helm3.objects()).as("%s %s renders", c, flags).isNotEmpty();
    return helm3;
  }

  private static String helmTemplate(Path helm, Case c, List<String> flags) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(helm.toString(), "template", "rel", c.chart().toString(), "--namespace", "ns"));
    if (c.values() != null) {
      command.addAll(List.of("-f", c.values().toString()));
    }
    command.addAll(flags);
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " ran over 60 s");
    }
    assertThat(process.exitValue()).as("%s: %s", command, err.join()).isZero();
    return out;
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** apiVersion/kind of every document and the image of every container of a pod spec. */
  private static Rendered walk(String stream) throws IOException {
    List<String> objects = new ArrayList<>();
    TreeSet<String> images = new TreeSet<>();
    try (YAMLParser parser = new YAMLFactory().createParser(stream)) {
      Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || !document.isObject()) {
          continue;
        }
        objects.add(document.path("apiVersion").asText() + " " + document.path("kind").asText());
        containerImages(document.path("spec"), images);
      }
    }
    objects.sort(null);
    return new Rendered(List.copyOf(objects), images);
  }

  private static void containerImages(JsonNode node, TreeSet<String> images) {
    if (node.isObject()) {
      for (String key : List.of("containers", "initContainers")) {
        for (JsonNode container : node.path(key)) {
          if (container.hasNonNull("image")) {
            images.add(container.get("image").asText());
          }
        }
      }
      node.forEach(child -> containerImages(child, images));
    } else if (node.isArray()) {
      node.forEach(child -> containerImages(child, images));
    }
  }

  private static List<String> objects(List<RenderedDocument> documents) throws IOException {
    StringBuilder stream = new StringBuilder();
    for (RenderedDocument document : documents) {
      stream.append("---\n").append(document.content()).append('\n');
    }
    return walk(stream.toString()).objects();
  }
}
