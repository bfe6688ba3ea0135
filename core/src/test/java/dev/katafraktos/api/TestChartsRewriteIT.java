package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.api.RewriteResult.MovedImage;
import dev.katafraktos.api.RewriteResult.UnmovableImage;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import dev.katafraktos.values.ImageSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rewrite on every hand-written chart of testdata/charts: an empty values file, a mapping for
 * every registry the chart's expected images come from. The edited file is then given to the real
 * helm 3 and helm 4 binaries, and every image the chart's expected-images.json lists must render as
 * {@code <target>/<rest of the name>} with its tag and digest unchanged, or have been reported as
 * not controllable.
 */
class TestChartsRewriteIT {
  @TempDir Path temp;

  /**
   * Every chart with an expected-images.json (broken-template has none: it does not render),
   * cr-image-field included: its VMSingle image is a {repository, tag} map whose fields change.
   */
  static Stream<String> charts() throws IOException {
    try (Stream<Path> dirs = Files.list(RealTools.testdata().resolve("charts"))) {
      return dirs
          .filter(d -> Files.isRegularFile(d.resolve("expected-images.json")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void rewrite_emptyValues_helm3And4RenderEveryImageOnItsTarget(String name) throws Exception {
    Path chart = chart(name);
    JsonNode expected = CorpusComparison.read(chart.resolve("expected-images.json"));
    List<JsonNode> images = images(expected);
    Map<String, String> targets = targets(images);
    Path values = Files.writeString(temp.resolve("values.yaml"), "");
    RenderOptions options = options(values).build();

    RewriteResult result = rewrite(chart, options, targets);

    Set<String> notControllable = new LinkedHashSet<>();
    result.notControllable().forEach(u -> notControllable.add(u.image()));
    if (name.equals("hardcoded-image")) {
      assertHardCodedBusybox(chart, result.notControllable());
    } else if (name.equals("gotemplate-configmap")) {
      // the injection template is a chart file the ConfigMap template reads with .Files.Get
      assertThat(result.notControllable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.image()).isEqualTo("busybox:1.28");
                assertThat(u.reason())
                    .isEqualTo(
                        "hard-coded in the chart file files/injection-template.yaml:5, which a"
                            + " template reads: no value changes it");
              });
    } else {
      assertThat(result.notControllable())
          .as("every image of %s comes from values", name)
          .isEmpty();
    }
    Set<String> movable = new LinkedHashSet<>();
    images.forEach(i -> movable.add(i.get("image").asText()));
    movable.removeAll(notControllable);
    assertThat(result.moved()).extracting(MovedImage::image).hasSameElementsAs(movable);
    assertThat(result.written()).isTrue();

    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      Map<String, String> rendered = renderWithHelm(helm, chart, options);
      String helmName = RealTools.helmVersion(helm);
      assertThat(rendered).as("%s with %s: image count", name, helmName).hasSize(images.size());
      for (JsonNode image : images) {
        String where = image.get("source").asText() + " " + image.get("path").asText();
        String before = image.get("image").asText();
        String after = rendered.get(where);
        assertThat(after).as("%s with %s: an image at %s", name, helmName, where).isNotNull();
        if (notControllable.contains(before)) {
          assertThat(after).as("%s with %s at %s", name, helmName, where).isEqualTo(before);
        } else {
          assertOnTarget(before, after, targets, name + " with " + helmName + " at " + where);
        }
      }
    }

    String edited = Files.readString(values);
    RewriteResult again = rewrite(chart, options, targets);
    assertThat(again.moved()).as("%s: a second rewrite moves nothing", name).isEmpty();
    assertThat(again.written()).isFalse();
    assertThat(values).hasContent(edited);
  }

  @Test
  void rewrite_registryRepoTagDigest_setsOnlyTheRegistry() throws Exception {
    // registry + repository + tag + digest composed by a helper: the registry alone moves it,
    // and the tag and the digest stay as the chart has them
    assertEditedText(
        "registry-repo-tag-digest",
        Map.of("registry.k8s.io", "harbor.example.com/k8s"),
        "image:\n  registry: harbor.example.com/k8s\n");
  }

  @Test
  void rewrite_globalImageRegistry_setsEachImagesOwnRegistry() throws Exception {
    // global.imageRegistry would move both images too; the narrowest values win, one per image
    assertEditedText(
        "global-image-registry",
        Map.of("docker.io", "harbor.example.com/hub"),
        """
        image:
          registry: harbor.example.com/hub
        metrics:
          image:
            registry: harbor.example.com/hub
        """);
  }

  @Test
  void rewrite_operatorArgsAndEnv_setsTheValueEachImageIsWrittenFrom() throws Exception {
    // registry/repository:tag, a repository holding the registry, and a whole reference in one
    // value
    assertEditedText(
        "operator-args-env",
        Map.of("quay.io", "harbor.example.com/quay"),
        """
        image:
          registry: harbor.example.com/quay
        configReloader:
          image:
            registry: harbor.example.com/quay
        executor:
          image:
            repository: harbor.example.com/quay/argoproj/argoexec
        sidecar:
          image: harbor.example.com/quay/kiwigrid/k8s-sidecar:1.30.3
        """);
  }

  @Test
  void rewrite_listsInUserFileAndDefaults_editsTheElementInPlace_andWritesADefaultListWhole()
      throws Exception {
    // the user's own plugin list is edited element by element, comments and order kept; the
    // chart's default sidecar list can only be overridden as a whole, so it is written out whole
    // (keys in the order helm's merged values have them) with only its image values changed, and
    // the summary says so
    Path values =
        Files.writeString(
            temp.resolve("values-prod.yaml"),
            """
            # provider plugins
            initContainers:
              - name: plugin-for-aws
                image: vendor/plugin-for-aws:v1.12.0 # pinned by the platform team
                volumeMounts:
                  - mountPath: /target
                    name: plugins
            """);
    Map<String, String> targets =
        Map.of("docker.io", "harbor.example.com/hub", "quay.io", "harbor.example.com/quay");

    RewriteResult result = rewrite(chart("list-images"), options(values).build(), targets);

    assertThat(result.complete()).isTrue();
    assertThat(result.notControllable()).isEmpty();
    assertThat(values)
        .hasContent(
            """
            # provider plugins
            initContainers:
              - name: plugin-for-aws
                image: harbor.example.com/hub/vendor/plugin-for-aws:v1.12.0 # pinned by the platform team
                volumeMounts:
                  - mountPath: /target
                    name: plugins
            image:
              repository: harbor.example.com/hub/velero/velero
            sidecars:
              - image: "harbor.example.com/quay/brancz/kube-rbac-proxy"
                name: "metrics-proxy"
                tag: "v0.19.0"
              - image: "harbor.example.com/hub/fluent/fluent-bit"
                name: "log-shipper"
                tag: "3.2.4"
            """);
    assertThat(result.moved())
        .filteredOn(m -> m.image().startsWith("vendor/"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.values())
                    .extracting(RewriteResult.ValueSetting::path)
                    .containsExactly("initContainers[0].image"));
    assertThat(result.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("sidecars: the chart's defaults hold this list")
                    .contains("helm replaces a list as a whole")
                    .contains("2 items"));
    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      assertThat(renderWithHelm(helm, chart("list-images"), options(values).build()).values())
          .as(RealTools.helmVersion(helm))
          .containsExactlyInAnyOrder(
              "harbor.example.com/hub/vendor/plugin-for-aws:v1.12.0",
              "harbor.example.com/hub/velero/velero:v1.16.0",
              "harbor.example.com/quay/brancz/kube-rbac-proxy:v0.19.0",
              "harbor.example.com/hub/fluent/fluent-bit:3.2.4");
    }
    String edited = Files.readString(values);
    assertThat(rewrite(chart("list-images"), options(values).build(), targets).moved()).isEmpty();
    assertThat(values).hasContent(edited);
  }

  @Test
  void rewrite_imageNoValueMakes_isHardCodedOnlyWhenTheTemplateWritesIt() throws Exception {
    // the list-held plugin image comes from the user's file: never "hard-coded"; hardcoded-image's
    // busybox is, with its line (checked in the parameterized test)
    Path values =
        Files.writeString(
            temp.resolve("values.yaml"),
            "initContainers: [{name: p, image: \"vendor/plugin:v1\"}]\n");

    RewriteResult result =
        rewrite(
            chart("list-images"), options(values).build(), Map.of("docker.io", "h.example/hub"));

    assertThat(result.notControllable()).isEmpty();
    assertThat(values)
        .hasContent(
            "initContainers: [{name: p, image: \"h.example/hub/vendor/plugin:v1\"}]\n"
                + "image:\n  repository: h.example/hub/velero/velero\n"
                + "sidecars:\n"
                + "  - image: \"quay.io/brancz/kube-rbac-proxy\"\n"
                + "    name: \"metrics-proxy\"\n"
                + "    tag: \"v0.19.0\"\n"
                + "  - image: \"h.example/hub/fluent/fluent-bit\"\n"
                + "    name: \"log-shipper\"\n"
                + "    tag: \"3.2.4\"\n");
  }

  @Test
  void rewrite_defaultsUnderAnInternalKey_setsTheTopLevelValueAPersonWouldSet() throws Exception {
    // the trace finds _internal_defaults_do_not_set.image.repository; the chart merges top-level
    // values over it, so image.repository is written, proven by the verifying render
    Path values = Files.writeString(temp.resolve("values.yaml"), "");

    RewriteResult result =
        rewrite(
            chart("internal-defaults"),
            options(values).build(),
            Map.of("docker.io", "harbor.example.com/hub"));

    assertThat(values).hasContent("image:\n  repository: harbor.example.com/hub/library/nginx\n");
    assertThat(result.moved())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.values())
                    .extracting(RewriteResult.ValueSetting::path)
                    .containsExactly("image.repository"));
    assertThat(result.warnings())
        .contains(
            "set image.repository rather than _internal_defaults_do_not_set.image.repository: the"
                + " chart merges top-level values over its internal defaults (the render proves"
                + " it)");
  }

  @Test
  void rewrite_bareNameComposedAtRunTime_isNeverMoved_theHubIs_andTheSummarySaysSo()
      throws Exception {
    // image: proxyv2 in the injector's values is no image to move: the hub that the pod image
    // and the injector both compose with moves, and the bare name is reported, not rewritten
    Path values = Files.writeString(temp.resolve("values.yaml"), "");

    RewriteResult result =
        rewrite(
            chart("composed-name"),
            options(values).build(),
            Map.of("docker.io", "harbor.example.com/docker-io"));

    assertThat(values).hasContent("global:\n  hub: harbor.example.com/docker-io/istio\n");
    assertThat(result.alsoChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo("ConfigMap");
              assertThat(c.path()).isEqualTo("/data/values");
              assertThat(c.values()).containsExactly("global.hub");
            });
    assertThat(result.unresolved())
        .extracting(RewriteResult.UnresolvedName::value, RewriteResult.UnresolvedName::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple("proxyv2", "/data/values#/global/proxy/image"));
    assertThat(result.unresolved())
        .filteredOn(u -> u.value().equals("proxyv2"))
        .allSatisfy(
            u ->
                assertThat(u.reason())
                    .isEqualTo(
                        "bare name; composed at run time with other values; not moved on its"
                            + " own, but this rewrite sets global.hub, which the same field"
                            + " carries"));
  }

  @ParameterizedTest(name = "helm {0}")
  @MethodSource("helmMajors")
  void rewrite_withTheHelmBinaryRenderer_editsAsTheEmbeddedOneDoes(int major) throws Exception {
    Path helm = major == 3 ? RealTools.helm3() : RealTools.helm4();
    // a helm that notes every call, to prove the rewrite rendered with it
    Path calls = temp.resolve("calls.log");
    Path wrapper =
        Files.writeString(
            temp.resolve("helm"),
            "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexec '" + helm + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path values = Files.writeString(temp.resolve("values.yaml"), "");
    RenderOptions options = options(values).renderer(RendererKind.HELM).helmBinary(wrapper).build();

    RewriteResult result =
        rewrite(
            chart("example"),
            options,
            Map.of("docker.io", "harbor.example.com/hub", "quay.io", "harbor.example.com/quay"));

    assertThat(result.complete()).isTrue();
    assertThat(Files.readAllLines(calls)).filteredOn(l -> l.startsWith("template ")).isNotEmpty();
    assertThat(values)
        .hasContent(
            """
            web:
              image:
                repository: harbor.example.com/hub/library/nginx
              initImage:
                repository: harbor.example.com/hub/library/busybox
            redis:
              image:
                repository: harbor.example.com/hub/library/redis
            warmup:
              image:
                registry: harbor.example.com/quay
            """);
  }

  static Stream<Integer> helmMajors() {
    return Stream.of(3, 4);
  }

  private void assertEditedText(String name, Map<String, String> targets, String expected)
      throws Exception {
    Path values = Files.writeString(temp.resolve(name + ".yaml"), "");

    RewriteResult result = rewrite(chart(name), options(values).build(), targets);

    assertThat(result.complete()).isTrue();
    assertThat(values).hasContent(expected);
  }

  /** hardcoded-image writes busybox:1.37.0 into its template: reported with that line. */
  private static void assertHardCodedBusybox(Path chart, List<UnmovableImage> notControllable)
      throws IOException {
    String template = "templates/deployment.yaml";
    List<String> lines = Files.readAllLines(chart.resolve(template));
    int line = lines.indexOf("          image: busybox:1.37.0") + 1;
    assertThat(line).as("the template still writes busybox").isPositive();
    assertThat(notControllable).hasSize(1);
    UnmovableImage busybox = notControllable.get(0);
    assertThat(busybox.image()).isEqualTo("busybox:1.37.0");
    assertThat(busybox.kind()).isEqualTo("Deployment");
    assertThat(busybox.source()).isEqualTo("hardcoded-image/" + template);
    assertThat(busybox.line()).isEqualTo(line);
    assertThat(busybox.reason()).contains("hard-coded");
  }

  /** {@code after} is {@code before} pulled through its registry's target, tag and digest kept. */
  private static void assertOnTarget(
      String before, String after, Map<String, String> targets, String where) throws Exception {
    ImageRef from = ImageRef.parseNormalized(before);
    ImageRef to = ImageRef.parseNormalized(after);
    assertThat(to.name()).as(where).isEqualTo(targets.get(from.domain()) + "/" + from.path());
    assertThat(to.tag()).as(where + ": tag").isEqualTo(from.tag());
    assertThat(to.digest()).as(where + ": digest").isEqualTo(from.digest());
  }

  private static RewriteResult rewrite(
      Path chart, RenderOptions options, Map<String, String> targets) throws Exception {
    AuditConfig.Builder config = AuditConfig.builder();
    for (Map.Entry<String, String> t : new TreeMap<>(targets).entrySet()) {
      config.mapping(Mapping.of(t.getKey(), t.getValue()));
    }
    return Katafraktos.create()
        .rewrite(new RewriteRequest(chart, options, config.build(), null, false, false, null));
  }

  /** Every image of the expected file, pod images and others, that names a repository. */
  private static List<JsonNode> images(JsonNode expected) {
    List<JsonNode> out = new ArrayList<>();
    Stream.concat(stream(expected.get("images")), stream(expected.get("otherImages")))
        .filter(i -> i.hasNonNull("image"))
        .forEach(out::add);
    assertThat(out).as("the chart has images").isNotEmpty();
    return out;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  /** A Harbor proxy project for every registry the images come from, e.g. quay.io → …/quay-io. */
  private static Map<String, String> targets(List<JsonNode> images) throws Exception {
    Map<String, String> targets = new TreeMap<>();
    for (JsonNode image : images) {
      String domain = ImageRef.parseNormalized(image.get("image").asText()).domain();
      targets.put(domain, "harbor.example.com/" + domain.replaceAll("[.:]", "-"));
    }
    return targets;
  }

  /** The images helm renders, by {@code source path}, as expected-images.json names them. */
  private static Map<String, String> renderWithHelm(Path helm, Path chart, RenderOptions options)
      throws Exception {
    try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
      Map<String, String> images = new TreeMap<>();
      for (ImageOccurrence o :
          ImageSite.locate(
                  renderer.render(
                      RenderRequest.builder(chart)
                          .release(options.release())
                          .namespace(options.namespace())
                          .valuesFiles(options.valuesFiles())
                          .build()))
              .values()) {
        images.put(o.source() + " " + o.path(), o.image());
      }
      return images;
    }
  }

  private static RenderOptions.Builder options(Path values) {
    return RenderOptions.builder().release("rel").namespace("ns").valuesFiles(List.of(values));
  }

  private static Path chart(String name) {
    return RealTools.testdata().resolve("charts").resolve(name);
  }
}
