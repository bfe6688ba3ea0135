package dev.katafraktos.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the verification of a rewrite accepts as explained, on renders written out here: moved
 * images, values carried into configuration, and nothing else.
 */
class RenderDiffTest {
  private static final String DEPLOYMENT = "app/templates/deployment.yaml";
  private static final String CONFIGMAP = "app/templates/configmap.yaml";
  private static final String HUB = "harbor.corp/dockerhub";

  private static RenderedManifest manifest(String source, String yaml) {
    return new RenderedManifest(
        "app", "app", "rel", "ns", List.of(new RenderedDocument(source, yaml)), Map.of());
  }

  private static String deployment(String image, String args, String env) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rel-app
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: %s
                  args: [%s]
                  env: [%s]
        """
        .formatted(image, args, env);
  }

  private static ImageSite site(String source, String kind, String path) {
    return new ImageSite(source, 0, kind, path);
  }

  private static final String CONTAINER = "/spec/template/spec/containers/0";

  private static List<String> unexplained(
      RenderedManifest before, RenderedManifest after, Map<ImageSite, String> sites) {
    Map<String, String> moves = new LinkedHashMap<>();
    sites.values().forEach(i -> moves.put(i, HUB + "/library/" + i));
    return RenderDiff.compare(
            before, after, new RenderDiff.Expected(sites, moves, Map.of(), Map.of()))
        .unexplained();
  }

  @Test
  void listValuedEnv_movesOnTheLinesTheExtractorFound_andNowhereElse() {
    // STRIMZI_KAFKA_IMAGES: version=image lines; the extractor reports each line's image
    String before =
        "{name: KAFKA_IMAGES, value: \"4.2.0=quay.io/s/kafka:4.2.0\\n4.3.0=quay.io/s/kafka:4.3.0\"}";
    String after =
        "{name: KAFKA_IMAGES, value: \"4.2.0="
            + HUB
            + "/library/quay.io/s/kafka:4.2.0\\n4.3.0="
            + HUB
            + "/library/quay.io/s/kafka:4.3.0\"}";
    Map<ImageSite, String> sites = new LinkedHashMap<>();
    sites.put(
        site(DEPLOYMENT, "Deployment", CONTAINER + "/env/0/value#L1"), "quay.io/s/kafka:4.2.0");
    sites.put(
        site(DEPLOYMENT, "Deployment", CONTAINER + "/env/0/value#L2"), "quay.io/s/kafka:4.3.0");

    assertThat(
            unexplained(
                manifest(DEPLOYMENT, deployment("nginx:1.27", "", before)),
                manifest(DEPLOYMENT, deployment("nginx:1.27", "", after)),
                sites))
        .isEmpty();
    // a line whose image the extractor did not find there may not change
    sites.remove(site(DEPLOYMENT, "Deployment", CONTAINER + "/env/0/value#L2"));
    assertThat(
            unexplained(
                manifest(DEPLOYMENT, deployment("nginx:1.27", "", before)),
                manifest(DEPLOYMENT, deployment("nginx:1.27", "", after)),
                sites))
        .singleElement()
        .asString()
        .contains("/env/0/value");
  }

  @Test
  void bareArg_thatIsThePodImageOfTheRender_movesWithIt() {
    // --web=nginx:1.27 names no image by its flag and has no path, but a pod runs that very
    // reference: the extractor takes it, and the verification accepts it moved with the pod image
    RenderedManifest before =
        manifest(DEPLOYMENT, deployment("nginx:1.27", "'--web=nginx:1.27'", ""));
    RenderedManifest after =
        manifest(
            DEPLOYMENT,
            deployment(HUB + "/library/nginx:1.27", "'--web=" + HUB + "/library/nginx:1.27'", ""));
    Map<ImageSite, String> sites = new LinkedHashMap<>();
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/args/0"), "nginx:1.27");

    assertThat(unexplained(before, after, sites)).isEmpty();
  }

  @Test
  void logLevelArg_takenForAnImage_changedToItsTarget_isRefused() {
    // the extractor took default:info for an image in the argument; the plan "moved" it
    RenderedManifest before =
        manifest(DEPLOYMENT, deployment("nginx:1.27", "'--log_output_level=default:info'", ""));
    RenderedManifest after =
        manifest(
            DEPLOYMENT,
            deployment(
                HUB + "/library/nginx:1.27",
                "'--log_output_level=" + HUB + "/library/default:info'",
                ""));
    Map<ImageSite, String> sites = new LinkedHashMap<>();
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/args/0"), "default:info");

    assertThat(unexplained(before, after, sites))
        .singleElement()
        .asString()
        .startsWith(DEPLOYMENT + " " + CONTAINER + "/args/0: ")
        .contains("--log_output_level=" + HUB + "/library/default:info");
  }

  @Test
  void arg_holdingAMovedImageFoundElsewhere_isRefused() {
    // the moved image's text in an argument the extractor did not find it in: not a site
    RenderedManifest before =
        manifest(DEPLOYMENT, deployment("nginx:1.27", "'--upstream=nginx:1.27'", ""));
    RenderedManifest after =
        manifest(
            DEPLOYMENT,
            deployment(
                HUB + "/library/nginx:1.27", "'--upstream=" + HUB + "/library/nginx:1.27'", ""));
    Map<ImageSite, String> sites =
        Map.of(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");

    assertThat(unexplained(before, after, sites)).singleElement().asString().contains("/args/0");
  }

  @Test
  void imageArgsAndEnv_movedWhereTheExtractorFoundThem_areExplained() {
    String args =
        "'--config-reloader-image=quay.io/prom/reloader:v1', '--executor-image', 'argoexec:v3.6'";
    String env = "{name: SIDECAR_IMAGE, value: 'busybox:1.37'}";
    RenderedManifest before = manifest(DEPLOYMENT, deployment("nginx:1.27", args, env));
    String movedArgs =
        "'--config-reloader-image="
            + HUB
            + "/library/quay.io/prom/reloader:v1', '--executor-image', '"
            + HUB
            + "/library/argoexec:v3.6'";
    String movedEnv = "{name: SIDECAR_IMAGE, value: '" + HUB + "/library/busybox:1.37'}";
    RenderedManifest after =
        manifest(DEPLOYMENT, deployment(HUB + "/library/nginx:1.27", movedArgs, movedEnv));
    Map<ImageSite, String> sites = new LinkedHashMap<>();
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/args/0"), "quay.io/prom/reloader:v1");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/args/2"), "argoexec:v3.6");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/env/0/value"), "busybox:1.37");

    assertThat(unexplained(before, after, sites)).isEmpty();
  }

  @Test
  void envValue_bareNameTag_underANameThatIsNoImage_isRefused() {
    String env = "{name: LOG_LEVEL, value: 'default:info'}";
    RenderedManifest before = manifest(DEPLOYMENT, deployment("nginx:1.27", "", env));
    RenderedManifest after =
        manifest(
            DEPLOYMENT,
            deployment(
                HUB + "/library/nginx:1.27",
                "",
                "{name: LOG_LEVEL, value: '" + HUB + "/library/default:info'}"));
    Map<ImageSite, String> sites = new LinkedHashMap<>();
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");
    sites.put(site(DEPLOYMENT, "Deployment", CONTAINER + "/env/0/value"), "default:info");

    assertThat(unexplained(before, after, sites))
        .singleElement()
        .asString()
        .contains("/env/0/value");
  }

  @Test
  void configText_movedImageInsideALongerReference_isRefused() {
    // nginx:1.27 is not in nginx:1.27.4: only whole references move
    String before = "data:\n  run.sh: docker run nginx:1.27.4\n";
    String after = "data:\n  run.sh: docker run " + HUB + "/library/nginx:1.27.4\n";
    Map<ImageSite, String> sites =
        Map.of(site(DEPLOYMENT, "Deployment", CONTAINER + "/image"), "nginx:1.27");

    assertThat(unexplained(manifest(CONFIGMAP, before), manifest(CONFIGMAP, after), sites))
        .singleElement()
        .asString()
        .contains("/data/run.sh");
    assertThat(
            unexplained(
                manifest(CONFIGMAP, before.replace("1.27.4", "1.27")),
                manifest(CONFIGMAP, after.replace("1.27.4", "1.27")),
                sites))
        .isEmpty();
  }

  private static final String VALUES_CONFIG =
      """
      kind: ConfigMap
      metadata:
        name: rel-app
      data:
        values.yaml: |
          image:
            repository: %s
            tag: 1.27.4
          replicas: %s
      """;

  /** What a trace sees in the ConfigMap when image.repository and image.tag are marked. */
  private static Map<FieldSite, Carriage> traced(String template) {
    ValueLeaf repository = new ValueLeaf(ValuePath.parse("image.repository"), "nginx");
    ValueLeaf tag = new ValueLeaf(ValuePath.parse("image.tag"), "1.27.4");
    Map<Integer, Marker> markers = new LinkedHashMap<>();
    Marker r = Marker.of(1, repository);
    Marker t = Marker.of(2, tag);
    markers.put(1, r);
    markers.put(2, t);
    String marked = template.formatted(r.text(), "1").replace("1.27.4", t.text());
    CarriedValues carried = new CarriedValues();
    carried.add(manifest(CONFIGMAP, marked), markers);
    return carried.fields();
  }

  @Test
  void configCarryingAnEditedValue_changesOnItsLine_isExplained_andReported() {
    Map<FieldSite, Carriage> carried = traced(VALUES_CONFIG);
    assertThat(carried.get(new FieldSite(CONFIGMAP, 0, "/data/values.yaml")).values())
        .containsExactlyInAnyOrder(
            ValuePath.parse("image.repository"), ValuePath.parse("image.tag"));

    RenderDiff.Outcome outcome =
        RenderDiff.compare(
            manifest(CONFIGMAP, VALUES_CONFIG.formatted("nginx", "1")),
            manifest(CONFIGMAP, VALUES_CONFIG.formatted(HUB + "/library/nginx", "1")),
            new RenderDiff.Expected(
                Map.of(),
                Map.of(),
                carried,
                Map.of(ValuePath.parse("image.repository"), HUB + "/library/nginx")));

    assertThat(outcome.unexplained()).isEmpty();
    assertThat(outcome.carried())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo("ConfigMap");
              assertThat(c.name()).isEqualTo("rel-app");
              assertThat(c.field().pointer()).isEqualTo("/data/values.yaml");
              assertThat(c.values()).containsExactly(ValuePath.parse("image.repository"));
            });
  }

  @Test
  void configCarryingAnEditedValue_changedOnAnotherLine_isRefused() {
    RenderDiff.Outcome outcome =
        RenderDiff.compare(
            manifest(CONFIGMAP, VALUES_CONFIG.formatted("nginx", "1")),
            manifest(CONFIGMAP, VALUES_CONFIG.formatted(HUB + "/library/nginx", "2")),
            new RenderDiff.Expected(
                Map.of(),
                Map.of(),
                traced(VALUES_CONFIG),
                Map.of(ValuePath.parse("image.repository"), HUB + "/library/nginx")));

    assertThat(outcome.unexplained())
        .singleElement()
        .asString()
        .contains("/data/values.yaml: line 4 changed but carries no edited value");
  }

  @Test
  void configCarryingAnEditedValue_changedOtherwiseThanTheEdit_isRefused() {
    // the line carries image.repository, but not as the edit sets it
    RenderDiff.Outcome outcome =
        RenderDiff.compare(
            manifest(CONFIGMAP, VALUES_CONFIG.formatted("nginx", "1")),
            manifest(CONFIGMAP, VALUES_CONFIG.formatted("harbor.corp/elsewhere/nginx", "1")),
            new RenderDiff.Expected(
                Map.of(),
                Map.of(),
                traced(VALUES_CONFIG),
                Map.of(ValuePath.parse("image.repository"), HUB + "/library/nginx")));

    assertThat(outcome.unexplained())
        .singleElement()
        .asString()
        .contains("line 2 is not the edited values' text at their places");
  }

  @Test
  void configCarryingOnlyValuesNotEdited_isRefused() {
    RenderDiff.Outcome outcome =
        RenderDiff.compare(
            manifest(CONFIGMAP, VALUES_CONFIG.formatted("nginx", "1")),
            manifest(CONFIGMAP, VALUES_CONFIG.formatted(HUB + "/library/nginx", "1")),
            new RenderDiff.Expected(
                Map.of(),
                Map.of(),
                traced(VALUES_CONFIG),
                Map.of(ValuePath.parse("other.value"), "x")));

    assertThat(outcome.unexplained()).singleElement().asString().contains("/data/values.yaml");
  }

  private static String secret(String values) {
    String data = Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8));
    return "kind: Secret\nmetadata:\n  name: rel-app\ndata:\n  values.yaml: " + data + "\n";
  }

  @Test
  void secretDataCarryingAnEditedValue_isReadDecoded() {
    String values = "image:\n  repository: %s\n  tag: 1.27.4\nreplicas: %s\n";
    ValueLeaf repository = new ValueLeaf(ValuePath.parse("image.repository"), "nginx");
    Marker r = Marker.of(7, repository);
    CarriedValues carried = new CarriedValues();
    carried.add(manifest(CONFIGMAP, secret(values.formatted(r.text(), "1"))), Map.of(7, r));
    Map<ValuePath, String> edited =
        Map.of(ValuePath.parse("image.repository"), HUB + "/library/nginx");

    RenderDiff.Outcome accepted =
        RenderDiff.compare(
            manifest(CONFIGMAP, secret(values.formatted("nginx", "1"))),
            manifest(CONFIGMAP, secret(values.formatted(HUB + "/library/nginx", "1"))),
            new RenderDiff.Expected(Map.of(), Map.of(), carried.fields(), edited));
    RenderDiff.Outcome refused =
        RenderDiff.compare(
            manifest(CONFIGMAP, secret(values.formatted("nginx", "1"))),
            manifest(CONFIGMAP, secret(values.formatted(HUB + "/library/nginx", "3"))),
            new RenderDiff.Expected(Map.of(), Map.of(), carried.fields(), edited));

    assertThat(accepted.unexplained()).isEmpty();
    assertThat(accepted.carried()).extracting(c -> c.kind()).containsExactly("Secret");
    assertThat(refused.unexplained()).singleElement().asString().contains("line 4");
  }
}
