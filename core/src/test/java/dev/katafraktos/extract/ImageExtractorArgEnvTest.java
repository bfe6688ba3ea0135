package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ContainerType;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.List;
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
}
