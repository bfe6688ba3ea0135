package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ContainerType;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod-template images: which documents carry pod templates, and where their containers are. */
class ImageExtractorPodTest {

  @Test
  void extract_deployment_everyContainerAndInitContainerWithPathAndSource() throws Exception {
    List<ImageOccurrence> found =
        extract(
            "app/templates/deployment.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: ns
            spec:
              template:
                spec:
                  initContainers:
                    - name: init
                      image: busybox:1.36
                  containers:
                    - name: app
                      image: "registry.example.com/team/app:1.2.3"
                      imagePullPolicy: IfNotPresent
                    - name: sidecar
                      image: envoyproxy/envoy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::container,
            ImageOccurrence::containerType,
            ImageOccurrence::path,
            ImageOccurrence::origin)
        .containsExactly(
            tuple(
                "registry.example.com/team/app:1.2.3",
                "app",
                ContainerType.CONTAINER,
                "/spec/template/spec/containers/0/image",
                Origin.POD),
            tuple(
                "envoyproxy/envoy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "sidecar",
                ContainerType.CONTAINER,
                "/spec/template/spec/containers/1/image",
                Origin.POD),
            tuple(
                "busybox:1.36",
                "init",
                ContainerType.INIT_CONTAINER,
                "/spec/template/spec/initContainers/0/image",
                Origin.POD));
    assertThat(found)
        .allSatisfy(
            o -> {
              assertThat(o.kind()).isEqualTo("Deployment");
              assertThat(o.name()).isEqualTo("web");
              assertThat(o.namespace()).isEqualTo("ns");
              assertThat(o.source()).isEqualTo("app/templates/deployment.yaml");
              assertThat(o.value()).isEqualTo(o.image());
            });
  }

  @Test
  void extract_podWithEphemeralContainer_readsSpecDirectly() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
            spec:
              containers:
                - name: main
                  image: nginx
              ephemeralContainers:
                - name: shell
                  image: busybox:1.36
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::containerType, ImageOccurrence::path)
        .containsExactly(
            tuple("nginx", ContainerType.CONTAINER, "/spec/containers/0/image"),
            tuple(
                "busybox:1.36",
                ContainerType.EPHEMERAL_CONTAINER,
                "/spec/ephemeralContainers/0/image"));
    assertThat(found).allSatisfy(o -> assertThat(o.namespace()).isNull());
  }

  @Test
  void extract_podTemplate_readsTemplateSpec() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: v1
            kind: PodTemplate
            metadata:
              name: tpl
            template:
              spec:
                containers:
                  - name: c
                    image: nginx:1.27
            """);

    assertThat(found)
        .extracting(ImageOccurrence::path)
        .containsExactly("/template/spec/containers/0/image");
  }

  @Test
  void extract_cronJob_readsJobTemplate() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: job
                          image: bitnami/kubectl:1.33
            """);

    assertThat(found)
        .extracting(ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(
            tuple("/spec/jobTemplate/spec/template/spec/containers/0/image", Origin.POD));
  }

  @Test
  void extract_anyKindWithTemplateSpecContainers_isAPodTemplate() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: canary
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: argoproj/rollouts-demo:blue
            """);

    assertThat(found)
        .extracting(ImageOccurrence::origin, ImageOccurrence::path)
        .containsExactly(tuple(Origin.POD, "/spec/template/spec/containers/0/image"));
  }

  @Test
  void extract_listKind_looksIntoEachItem() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: unrelated
              - apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: monitoring
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          image: grafana/alloy:v1.8.0
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::kind,
            ImageOccurrence::name,
            ImageOccurrence::namespace,
            ImageOccurrence::path)
        .containsExactly(
            tuple(
                "DaemonSet",
                "agent",
                "monitoring",
                "/items/1/spec/template/spec/containers/0/image"));
  }

  @Test
  void extract_invalidPodImage_isStillReportedAsRendered() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
                - name: broken
                  image: "Registry.Example.com/My App:latest "
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::origin)
        .containsExactly(tuple("Registry.Example.com/My App:latest ", Origin.POD));
  }

  @Test
  void extract_podImage_isNotReportedAgainAsImageField() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: StatefulSet
            metadata:
              name: db
            spec:
              template:
                spec:
                  containers:
                    - name: db
                      image: postgres:17
            """);

    assertThat(found).singleElement().extracting(ImageOccurrence::origin).isEqualTo(Origin.POD);
  }

  @Test
  void extract_imageVolume_isReportedByItsReference() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
                - name: c
                  image: nginx:1.27
              volumes:
                - name: models
                  image:
                    reference: quay.io/org/models:v1
                    pullPolicy: IfNotPresent
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::origin, ImageOccurrence::path)
        .containsExactly(
            tuple("nginx:1.27", Origin.POD, "/spec/containers/0/image"),
            tuple("quay.io/org/models:v1", Origin.CUSTOM_RESOURCE, "/spec/volumes/0/image"));
  }
}
