package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image keys outside pod-template containers (corpus context {@code imageField}). */
class ImageExtractorFieldTest {

  @Test
  void extract_customResourceSpecImage_isCustomResourceOccurrence() throws Exception {
    List<ImageOccurrence> found =
        extract(
            "stack/templates/prometheus.yaml",
            """
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata:
              name: prom
              namespace: ns
            spec:
              image: "quay.io/prometheus/prometheus:v3.14.0-distroless"
              imagePullPolicy: IfNotPresent
              version: v3.14.0
              thanos:
                baseImage: quay.io/thanos/thanos
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::value,
            ImageOccurrence::kind,
            ImageOccurrence::name,
            ImageOccurrence::namespace,
            ImageOccurrence::source,
            ImageOccurrence::path,
            ImageOccurrence::origin)
        .containsExactly(
            tuple(
                "quay.io/prometheus/prometheus:v3.14.0-distroless",
                "quay.io/prometheus/prometheus:v3.14.0-distroless",
                "Prometheus",
                "prom",
                "ns",
                "stack/templates/prometheus.yaml",
                "/spec/image",
                Origin.CUSTOM_RESOURCE),
            tuple(
                "quay.io/thanos/thanos",
                "quay.io/thanos/thanos",
                "Prometheus",
                "prom",
                "ns",
                "stack/templates/prometheus.yaml",
                "/spec/thanos/baseImage",
                Origin.CUSTOM_RESOURCE));
    assertThat(found)
        .allSatisfy(
            o -> {
              assertThat(o.container()).isNull();
              assertThat(o.containerType()).isNull();
            });
  }

  @Test
  void extract_imageMappingWithRepository_composesTheReference() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: VMSingle
            metadata:
              name: vm
            spec:
              image:
                registry: docker.io
                repository: victoriametrics/victoria-metrics
                tag: v1.150.0
                pullPolicy: IfNotPresent
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::value, ImageOccurrence::path)
        .containsExactly(
            tuple(
                "docker.io/victoriametrics/victoria-metrics:v1.150.0",
                "{\"registry\":\"docker.io\",\"repository\":\"victoriametrics/victoria-metrics\","
                    + "\"tag\":\"v1.150.0\",\"pullPolicy\":\"IfNotPresent\"}",
                "/spec/image"));
  }

  @Test
  void extract_imageMappingWithOnlyATag_hasNoImageButTheMappingAsJson() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: VMAgent
            metadata:
              name: vm
            spec:
              image:
                tag: v1.150.0
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::value, ImageOccurrence::origin)
        .containsExactly(tuple(null, "{\"tag\":\"v1.150.0\"}", Origin.CUSTOM_RESOURCE));
  }

  @Test
  void extract_numericTag_keepsItsRenderedText() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            spec:
              image: {repository: org/app, tag: 1.10}
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::value)
        .containsExactly(tuple("org/app:1.10", "{\"repository\":\"org/app\",\"tag\":1.10}"));
  }

  @Test
  void extract_containersOfCustomResource_areImageFields() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Alertmanager
            metadata:
              name: am
            spec:
              containers:
                - name: oauth-proxy
                  image: quay.io/oauth2-proxy/oauth2-proxy:v7.8.1
            """);

    assertThat(found)
        .extracting(ImageOccurrence::origin, ImageOccurrence::path)
        .containsExactly(tuple(Origin.CUSTOM_RESOURCE, "/spec/containers/0/image"));
  }

  @Test
  void extract_customResourceDefinition_isSkippedEntirely() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: things.example.com
              annotations:
                example.com/image: quay.io/org/thing:v1
            spec:
              versions:
                - name: v1
                  schema:
                    openAPIV3Schema:
                      properties:
                        image:
                          type: string
                        baseImage:
                          description: registry/repository of the base image
                          type: string
            """);

    assertThat(found).isEmpty();
  }

  @Test
  void extract_nonImagesUnderImageKeys_areNotReported() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            metadata:
              name: t
              labels:
                app.kubernetes.io/version: "1.10"
            spec:
              alwaysPullImage: false
              useCustomImage: true
              replicasImage: 3
              emptyImage: ""
              nullImage: null
              sentenceImage: "not an image"
              urlImage: https://example.com/image
              pathImage: /etc/config
              upperImage: IfNotPresent
              imagePullPolicy: IfNotPresent
              images: [nginx:1.27]
              settings: {name: frontend, port: 8080}
            """);

    assertThat(found).isEmpty();
  }

  @Test
  void extract_keysWithSlashAndTilde_areEscapedInThePointer() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            spec:
              example.com/image: quay.io/org/a:v1
              "a~b":
                image: quay.io/org/b:v1
            """);

    assertThat(found)
        .extracting(ImageOccurrence::path)
        .containsExactly("/spec/example.com~1image", "/spec/a~0b/image");
  }

  @Test
  void extract_aliasOfAnchoredMapping_isReadAtBothPlaces() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            spec:
              primary: &common
                image: quay.io/org/app:v1
              replica: *common
            """);

    assertThat(found)
        .extracting(ImageOccurrence::path)
        .containsExactly("/spec/primary/image", "/spec/replica/image");
  }

  @Test
  void extract_operatorImageSplitOverSiblingKeys_isOneComposedImageAtTheMapping() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ClusterPolicy
            metadata:
              name: cluster-policy
            spec:
              driver:
                enabled: true
                repository: nvcr.io/nvidia
                image: driver
                version: "550.90.07"
                manager:
                  repository: nvcr.io/nvidia/cloud-native
                  image: k8s-driver-manager
                  version: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              toolkit:
                repository: ""
                image: nvcr.io/nvidia/k8s/container-toolkit:v1.17.0
                version: ""
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(
            tuple("nvcr.io/nvidia/driver:550.90.07", "/spec/driver"),
            tuple(
                "nvcr.io/nvidia/cloud-native/k8s-driver-manager@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "/spec/driver/manager"),
            tuple("nvcr.io/nvidia/k8s/container-toolkit:v1.17.0", "/spec/toolkit"));
    assertThat(found.get(0).value())
        .startsWith("{\"enabled\":true,\"repository\":\"nvcr.io/nvidia\"");
  }

  @Test
  void extract_nameAndTagMappingUnderImageKey_composesTheReference() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            metadata: {name: t}
            spec:
              image: {name: quay.io/jupyterhub/k8s-singleuser-sample, tag: "4.0.0"}
              chart: {name: redis, repository: https://charts.example.com, version: 1.0.0}
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(tuple("quay.io/jupyterhub/k8s-singleuser-sample:4.0.0", "/spec/image"));
  }

  @Test
  void extract_bareNameInCustomResource_hasNoImageUnlessAPodRunsIt() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Mesh
            metadata: {name: m}
            spec:
              proxy: {image: proxyv2}
              tool: {image: busybox}
            ---
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - {name: c, image: "busybox:latest"}
            """);

    assertThat(found)
        .filteredOn(o -> o.origin() == Origin.CUSTOM_RESOURCE)
        .extracting(
            ImageOccurrence::image, ImageOccurrence::value, ImageOccurrence::unresolvedReason)
        .containsExactly(
            tuple(null, "proxyv2", ImageOccurrence.BARE_NAME), tuple("busybox", "busybox", null));
  }

  @Test
  void extract_templateUnderImageKey_hasNoImageButTheTemplateReason() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: WorkflowTemplate
            metadata: {name: build}
            spec:
              templates:
                - name: run
                  container: {image: "{{inputs.parameters.image}}"}
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::value,
            ImageOccurrence::path,
            ImageOccurrence::unresolvedReason)
        .containsExactly(
            tuple(
                null,
                "{{inputs.parameters.image}}",
                "/spec/templates/0/container/image",
                ImageOccurrence.TEMPLATE));
  }
}
