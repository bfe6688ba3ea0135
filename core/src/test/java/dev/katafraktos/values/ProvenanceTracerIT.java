package dev.katafraktos.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the trace finds in hand-written charts, each written to send values to images one particular
 * way. The expectations are read off the charts' templates, not off the tracer's output.
 */
class ProvenanceTracerIT {
  private static ChartRenderer renderer;
  @TempDir Path work;

  @BeforeAll
  static void start() {
    renderer = Renderers.embedded();
  }

  @AfterAll
  static void stop() throws Exception {
    renderer.close();
  }

  private Provenance trace(String chart) throws Exception {
    Path dir = RealTools.testdata().resolve("charts").resolve(chart);
    RenderRequest.Builder request = RenderRequest.builder(dir).release("rel").namespace("ns");
    return ProvenanceTracer.trace(
        renderer.render(request.dumpValues(true).build()),
        extra ->
            renderer.render(
                RenderRequest.builder(dir)
                    .release("rel")
                    .namespace("ns")
                    .valuesFiles(extra)
                    .build()),
        work);
  }

  /** image → "path[start,end)" or "path[?]" for each control. */
  private static Map<String, List<String>> controls(Provenance provenance) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TracedImage image : provenance.images()) {
      out.put(image.image(), image.controls().stream().map(Control::toString).sorted().toList());
    }
    return out;
  }

  @Test
  void anchorsPrintfTplAndAppVersion() throws Exception {
    Provenance p = trace("tpl-anchors");

    assertThat(controls(p))
        .containsEntry(
            "docker.io/library/nginx:1.27.4",
            // printf "%s/%s:%s" registry repository tag; the aliased registry is its own path
            List.of(
                "web.image.registry[0,9)", "web.image.repository[10,23)", "web.image.tag[24,30)"))
        .containsEntry(
            // the tag is .Chart.AppVersion: no value controls it
            "docker.io/library/busybox:1.37.0",
            List.of("worker.image.registry[0,9)", "worker.image.repository[10,25)"))
        .containsEntry(
            // tpl: the template string controls the image, but not character for character; the
            // value it refers to does, exactly
            "docker.io/library/alpine:3.20",
            List.of("sidecar.image[?]", "web.image.registry[0,9)"));
    assertThat(p.insecureImagesAllowed()).isFalse();
    assertThat(p.notes()).isEmpty();
  }

  @Test
  void subchartValues_areFoundAtTheirPathFromTheParent() throws Exception {
    Map<String, List<String>> controls = controls(trace("subchart"));

    assertThat(controls.get("redis:7.4.2"))
        .anyMatch(c -> c.startsWith("cache.image.repository["))
        .anyMatch(c -> c.startsWith("cache.image.tag["));
  }

  @Test
  void emptyGlobalAndEmptyDigest_areFoundInTheSecondRound() throws Exception {
    Map<String, Control> nginx =
        trace("global-image-registry").images().stream()
            .filter(i -> i.image().startsWith("docker.io/bitnami/nginx:"))
            .findFirst()
            .orElseThrow()
            .controls()
            .stream()
            .collect(Collectors.toMap(c -> c.path().toString(), c -> c));

    assertThat(nginx).containsKeys("image.registry", "image.repository", "global.imageRegistry");
    Control global = nginx.get("global.imageRegistry");
    assertThat(global.exact()).isTrue();
    String image = "docker.io/bitnami/nginx:1.29.1-debian-12-r0";
    assertThat(global.apply(image, "harbor.corp/hub"))
        .isEqualTo("harbor.corp/hub/bitnami/nginx:1.29.1-debian-12-r0");
  }

  @Test
  void hardCodedImage_hasNoControls_besideOneFromValues() throws Exception {
    // the initContainer's busybox is written into the template; nginx comes from values
    assertThat(controls(trace("hardcoded-image")))
        .containsEntry("busybox:1.37.0", List.of())
        .containsEntry("nginx:1.27.4", List.of("image.repository[0,5)", "image.tag[6,12)"));
  }

  @Test
  void valuesCarriedIntoConfig_areTracedToEachFieldThatCarriesThem() throws Exception {
    // the chart's templates: toYaml .Values in a ConfigMap and (b64enc) a Secret; the custom
    // resource's repository and version from image.repository and image.tag
    Provenance p = trace("values-in-config");

    Map<String, List<String>> carried = new LinkedHashMap<>();
    p.carried()
        .forEach(
            (field, carriage) ->
                carried.put(
                    field.source().replace("values-in-config/templates/", "")
                        + " "
                        + field.pointer(),
                    carriage.sorted().stream().map(Object::toString).toList()));
    // (logging.level too, where the extractor takes default:info for an image and it is marked)
    assertThat(carried.get("configmap.yaml /data/values.yaml"))
        .contains("image.repository", "image.tag");
    assertThat(carried.get("secret.yaml /data/values.yaml"))
        .contains("image.repository", "image.tag");
    assertThat(carried)
        .containsEntry("appinstance.yaml /spec/repository", List.of("image.repository"))
        .containsEntry("appinstance.yaml /spec/version", List.of("image.tag"))
        .containsEntry(
            "deployment.yaml /spec/template/spec/containers/0/image",
            List.of("image.repository", "image.tag"));
    // keys are not values: the ConfigMap's lines name the values on them
    Carriage config =
        p.carried()
            .get(
                new FieldSite("values-in-config/templates/configmap.yaml", 0, "/data/values.yaml"));
    Set<dev.katafraktos.model.ValuePath> repository =
        Set.of(dev.katafraktos.model.ValuePath.parse("image.repository"));
    assertThat(config.editedOnLine(8, 2, repository)).containsExactlyElementsOf(repository);
    assertThat(config.editedOnLine(8, 3, repository)).isEmpty();
  }
}
