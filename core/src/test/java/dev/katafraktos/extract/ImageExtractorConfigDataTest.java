package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images inside ConfigMap and Secret data (corpus context {@code configData}). */
class ImageExtractorConfigDataTest {

  @Test
  void extract_yamlInConfigMap_isSearchedForImageKeys() throws Exception {
    List<ImageOccurrence> found =
        extract(
            "jenkins/templates/jcasc-config.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: jcasc
              namespace: ns
            data:
              jcasc-default-config.yaml: |-
                jenkins:
                  clouds:
                  - kubernetes:
                      templates:
                        - name: "default"
                          containers:
                          - name: "jnlp"
                            alwaysPullImage: false
                            image: "jenkins/inbound-agent:3385.vf1123fb_515da_-1"
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::kind,
            ImageOccurrence::name,
            ImageOccurrence::path,
            ImageOccurrence::origin)
        .containsExactly(
            tuple(
                "jenkins/inbound-agent:3385.vf1123fb_515da_-1",
                "ConfigMap",
                "jcasc",
                "/data/jcasc-default-config.yaml#/jenkins/clouds/0/kubernetes/templates/0/containers/0/image",
                Origin.CONFIG));
  }

  @Test
  void extract_tomlInConfigMap_isReadLineByLine() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ConfigMap
            metadata:
              name: runner
            data:
              config.toml: |
                concurrent = 4
                [[runners]]
                  url = "https://gitlab.example.com/"
                  [runners.kubernetes]
                    image = "ubuntu:22.04"
                    helper_image = "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v17.0.0"
                    pull_policy = "if-not-present"
                    service_image = "nginx"  # no '/', ':' or '@': could be any word
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(
            tuple("ubuntu:22.04", "/data/config.toml#L5", Origin.CONFIG),
            tuple(
                "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v17.0.0",
                "/data/config.toml#L6",
                Origin.CONFIG));
  }

  @Test
  void extract_secretData_isBase64Decoded() throws Exception {
    String config = "agent:\n  image: ghcr.io/org/agent:v2\n";
    List<ImageOccurrence> found =
        extract(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: agent-config
            data:
              config.yaml: %s
              tls.key: %s
            """
                .formatted(
                    Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)),
                    Base64.getEncoder()
                        .encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 'i'})));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path, ImageOccurrence::origin)
        .containsExactly(
            tuple("ghcr.io/org/agent:v2", "/data/config.yaml#/agent/image", Origin.CONFIG));
  }

  @Test
  void extract_secretStringDataText_isReadLineByLine() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Secret
            metadata:
              name: env
            stringData:
              settings.env: |
                # deployment settings
                url: https://example.com/a:b
                BUILDER_image=quay.io/org/builder:1.0
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(tuple("quay.io/org/builder:1.0", "/stringData/settings.env#L3"));
  }

  @Test
  void extract_configThatIsNoImage_isNotReported() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ConfigMap
            metadata:
              name: cfg
              labels:
                version: v1.2.3
            data:
              app.json: '{"imageTag": "1.2", "baseImage": true, "url": "http://x:8080", "pullImage": 1}'
              nginx.conf: |
                location /image {
                  proxy_pass http://backend:8080/image;
                }
              script.sh: |
                echo "image: pulling"
                image=$1
              prose.txt: |
                Note: the image: see https://docs.example.com/image for details
                imagePullPolicy: IfNotPresent
                image: 1.10
                image: /etc/config
                image: service:8080/
              broken.yaml: "a: [b"
            binaryData:
              image: cXVheS5pby9vcmcvYTp2MQ==
            """);

    assertThat(found).isEmpty();
  }

  @Test
  void extract_otherKindsWithData_areNotConfigData() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: Thing
            data:
              config.toml: |
                helper_image = "quay.io/org/helper:v1"
            """);

    assertThat(found).isEmpty();
  }

  @Test
  void extract_secretWithAWholeValuesFile_findsNameAndTagMappings() throws Exception {
    String values =
        """
        hub:
          image: {name: quay.io/jupyterhub/k8s-hub, tag: "4.0.0"}
        singleuser:
          image: {name: quay.io/jupyterhub/k8s-singleuser-sample, tag: "4.0.0"}
        """;
    List<ImageOccurrence> found =
        extract(
            """
            kind: Secret
            metadata: {name: hub}
            data:
              values.yaml: %s
            """
                .formatted(
                    Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8))));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(
            tuple("quay.io/jupyterhub/k8s-hub:4.0.0", "/data/values.yaml#/hub/image"),
            tuple(
                "quay.io/jupyterhub/k8s-singleuser-sample:4.0.0",
                "/data/values.yaml#/singleuser/image"));
  }

  @Test
  void extract_goTemplateInConfig_isReadLineByLineAndItsImageExpressionsHaveNoImage()
      throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ConfigMap
            metadata: {name: injector}
            data:
              config: |-
                policy: enabled
                templates:
                  sidecar: |
                    {{- if .Values.enabled }}
                    initContainers:
                    - name: init
                      image: busybox:1.28
                    {{- end }}
                    containers:
                    - name: istio-proxy
                      image: "{{ annotation .ObjectMeta `sidecar.istio.io/proxyImage` .ProxyImage }}"
                    - name: other
                      image: "{{ .Values.global.hub }}/proxyv2:{{ .Values.global.tag }}"
              template.tmpl: |
                {{ if .Enabled }}
                containers:
                - name: init
                  image: busybox:1.28
                {{ end }}
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::value,
            ImageOccurrence::path,
            ImageOccurrence::unresolvedReason)
        .containsExactly(
            tuple("busybox:1.28", "busybox:1.28", "/data/config#/templates/sidecar#L4", null),
            tuple(
                null,
                "{{ annotation .ObjectMeta `sidecar.istio.io/proxyImage` .ProxyImage }}",
                "/data/config#/templates/sidecar#L8",
                ImageOccurrence.TEMPLATE),
            tuple(
                null,
                "{{ .Values.global.hub }}/proxyv2:{{ .Values.global.tag }}",
                "/data/config#/templates/sidecar#L10",
                ImageOccurrence.TEMPLATE),
            tuple("busybox:1.28", "busybox:1.28", "/data/template.tmpl#L4", null));
  }

  @Test
  void extract_bareNameInValuesCarriedAsJson_hasNoImage() throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ConfigMap
            metadata: {name: values}
            data:
              values: '{"global":{"hub":"docker.io/istio","tag":"1.24.0","proxy":{"image":"proxyv2"}}}'
            """);

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::value,
            ImageOccurrence::path,
            ImageOccurrence::unresolvedReason)
        .containsExactly(
            tuple(null, "proxyv2", "/data/values#/global/proxy/image", ImageOccurrence.BARE_NAME));
  }

  @Test
  void extract_dataValueThatIsOneReference_countsWithANamespaceOrAKeySayingImage()
      throws Exception {
    List<ImageOccurrence> found =
        extract(
            """
            kind: ConfigMap
            metadata: {name: image-set}
            data:
              plugin: quay.io/cephcsi/cephcsi:v3.17.0
              POSTGRES_IMAGE_NAME: postgres:18
              hook-image-awaiter: rel-hook-image-awaiter
              proxy-image: proxyv2
              level: default:info
              address: istiod.ns.svc:15012
              hub: docker.io/istio
              api: storage.k8s.io/v1
              json: '{"a":"quay.io/org/a:1"}'
            """);

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::path)
        .containsExactly(
            tuple("quay.io/cephcsi/cephcsi:v3.17.0", "/data/plugin#L1"),
            tuple("postgres:18", "/data/POSTGRES_IMAGE_NAME#L1"),
            tuple(null, "/data/proxy-image#L1"));
  }
}
