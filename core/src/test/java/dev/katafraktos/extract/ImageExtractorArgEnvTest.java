package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ContainerType;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.RenderedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** References handed to a container's program in command, args and env. */
class ImageExtractorArgEnvTest {

  private static String deployment(String containerBody) {
    return """
    kind: Deployment
    metadata:
      name: operator
      namespace: ns
    spec:
      template:
        spec:
          containers:
            - name: manager
              image: quay.io/org/operator:v1
    """
        + containerBody.indent(10);
  }

  private static List<ImageOccurrence> others(String yaml) throws Exception {
    return extract(yaml).stream().filter(o -> o.origin() != Origin.POD).toList();
  }

  @Test
  void extract_flagEqualsReference_reportsTheReferenceAndTheWholeArgument() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                args:
                  - --log-level=info
                  - --prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1
                """));

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::value,
            ImageOccurrence::path,
            ImageOccurrence::origin,
            ImageOccurrence::container,
            ImageOccurrence::containerType)
        .containsExactly(
            tuple(
                "quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1",
                "--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1",
                "/spec/template/spec/containers/0/args/1",
                Origin.ARG,
                "manager",
                ContainerType.CONTAINER));
  }

  @Test
  void extract_referenceAfterItsFlag_isTheNextElement() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                args:
                  - --configmap
                  - workflow-controller-configmap
                  - --executor-image
                  - quay.io/argoproj/argoexec:v4.0.6
                """));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::value, ImageOccurrence::path)
        .containsExactly(
            tuple(
                "quay.io/argoproj/argoexec:v4.0.6",
                "quay.io/argoproj/argoexec:v4.0.6",
                "/spec/template/spec/containers/0/args/3"));
  }

  @Test
  void extract_referenceInCommand_isAnArgument() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                command: [/manager, "--sidecar-image=ghcr.io/org/sidecar@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]
                """));

    assertThat(found)
        .extracting(ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(tuple("/spec/template/spec/containers/0/command/1", Origin.ARG));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "svc:8080",
        "localhost:5000",
        "--metrics-bind-address=:8080",
        "--port=8080",
        "--upstream=http://127.0.0.1:8081/",
        "http://example.com:80/path",
        "oci://ghcr.io/org/chart:1.0",
        "v1.2.3",
        "1.10",
        "--version=v1.2.3",
        "/etc/config",
        "--config=/etc/config/app.yaml",
        "IfNotPresent",
        "true",
        "nginx",
        "--leader-elect=true",
        "--v=2",
        "redis:7",
        "--controller-class=k8s.io/ingress-nginx",
        "sh -c 'echo image: a/b:1'",
        "--publish-service=$(POD_NAMESPACE)/svc"
      })
  void extract_argumentThatIsNoImage_isNotReported(String arg) throws Exception {
    List<ImageOccurrence> found =
        others(deployment("args: [\"" + arg.replace("\"", "\\\"") + "\"]\n"));

    assertThat(found).isEmpty();
  }

  @Test
  void extract_envValueReference_isEnvOccurrence() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                env:
                  - name: AGENT_INJECT_LISTEN
                    value: ":8080"
                  - name: POD_NAMESPACE
                    valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
                  - name: AGENT_INJECT_VAULT_IMAGE
                    value: "hashicorp/vault:2.0.4"
                """));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(
            tuple(
                "hashicorp/vault:2.0.4",
                "/spec/template/spec/containers/0/env/2/value",
                Origin.ENV));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis-master:6379",
        "https://vault:8200",
        "v1.2.3",
        "1.10",
        "/vault/config",
        "hashicorp/vault",
        "IfNotPresent",
        "true",
        "info",
        "kube-system",
        "rel-vault.ns.svc:8200"
      })
  void extract_envValueThatIsNoImage_isNotReported(String value) throws Exception {
    List<ImageOccurrence> found =
        others(deployment("env: [{name: X, value: \"" + value + "\"}]\n"));

    assertThat(found).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--log_output_level=default:info",
        "default:info",
        "--zap-log-level=info",
        "--time-format=15:04:05",
        "--image-pull-policy=IfNotPresent",
        "--image-pull-secret=regcred",
        "--default-image-tag=v1.2.3",
        "--sidecar-image=v1.2.3",
        "--sidecar-image=true",
        "--sidecar-image=http://registry:5000/x:1"
      })
  void extract_lookAlikeWithoutEvidence_isNotReported(String arg) throws Exception {
    List<ImageOccurrence> found = others(deployment("args: [\"" + arg + "\"]\n"));

    assertThat(found).isEmpty();
  }

  @Test
  void extract_flagOrVariableNamedImage_vouchesForAPlainNameAndTag() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                args:
                  - --sidecar-image=busybox:1.37.0
                  - --redis-image
                  - redis:7
                env:
                  - {name: LOG_LEVEL, value: "default:info"}
                  - {name: INIT_IMAGE, value: "alpine:3.20"}
                  - {name: RELATED_IMAGE_PROXY, value: "proxy:v1"}
                  - {name: INIT_IMAGE_TAG, value: "v3.20"}
                """));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(
            tuple("busybox:1.37.0", "/spec/template/spec/containers/0/args/0", Origin.ARG),
            tuple("redis:7", "/spec/template/spec/containers/0/args/2", Origin.ARG),
            tuple("alpine:3.20", "/spec/template/spec/containers/0/env/1/value", Origin.ENV),
            tuple("proxy:v1", "/spec/template/spec/containers/0/env/2/value", Origin.ENV));
  }

  @Test
  void extract_plainNameAndTagThatAPodRuns_isReportedWherePodsAnywhereRunIt() throws Exception {
    String withArg =
        deployment(
            """
            args: ["--log_output_level=default:info", "--helper=busybox:1.37.0"]
            """);
    String otherPod =
        """
        kind: Job
        metadata: {name: helper}
        spec:
          template:
            spec:
              containers:
                - {name: helper, image: docker.io/library/busybox:1.37.0}
        """;

    List<ImageOccurrence> found =
        new ImageExtractor()
            .extract(
                ExtractTestSupport.manifest(
                    List.of(
                        new RenderedDocument("chart/templates/a.yaml", withArg),
                        new RenderedDocument("chart/templates/b.yaml", otherPod)),
                    Map.of()));

    assertThat(found)
        .filteredOn(o -> o.origin() == Origin.ARG)
        .extracting(ImageOccurrence::image, ImageOccurrence::value)
        .containsExactly(tuple("busybox:1.37.0", "--helper=busybox:1.37.0"));
  }

  @Test
  void extract_bareNameAfterImageFlag_hasNoImageButAReason() throws Exception {
    List<ImageOccurrence> found = others(deployment("args: [--proxy-image=proxyv2]\n"));

    assertThat(found)
        .extracting(
            ImageOccurrence::image, ImageOccurrence::value, ImageOccurrence::unresolvedReason)
        .containsExactly(tuple(null, "--proxy-image=proxyv2", ImageOccurrence.BARE_NAME));
  }

  @Test
  void extract_multiLineEnvValue_isReadLineByLine() throws Exception {
    List<ImageOccurrence> found =
        others(
            deployment(
                """
                env:
                  - name: STRIMZI_KAFKA_IMAGES
                    value: |
                      4.2.0=quay.io/strimzi/kafka:1.2.0-kafka-4.2.0
                      4.3.0=quay.io/strimzi/kafka:1.2.0-kafka-4.3.0
                  - name: LISTEN
                    value: |
                      0.0.0.0:8443
                      level=default:info
                """));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(
            tuple(
                "quay.io/strimzi/kafka:1.2.0-kafka-4.2.0",
                "/spec/template/spec/containers/0/env/0/value#L1"),
            tuple(
                "quay.io/strimzi/kafka:1.2.0-kafka-4.3.0",
                "/spec/template/spec/containers/0/env/0/value#L2"));
  }
}
