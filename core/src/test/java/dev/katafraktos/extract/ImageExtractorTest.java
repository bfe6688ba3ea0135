package dev.katafraktos.extract;

import static dev.katafraktos.extract.ExtractTestSupport.extract;
import static dev.katafraktos.extract.ExtractTestSupport.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.ManifestSplitter;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The extractor as a whole: documents, annotations, errors, threads. */
class ImageExtractorTest {

  private final ImageExtractor extractor = new ImageExtractor();

  @Test
  void extract_malformedDocument_namesSourceLineAndColumn() {
    RenderedManifest manifest =
        manifest(
            ManifestSplitter.split(
                """
                ---
                # Source: app/templates/ok.yaml
                kind: ConfigMap
                ---
                # Source: app/templates/broken.yaml
                kind: Deployment
                metadata:
                  name: web
                    labels: x
                """),
            Map.of());

    ManifestParseException e =
        catchThrowableOfType(ManifestParseException.class, () -> extractor.extract(manifest));

    assertThat(e.source()).isEqualTo("app/templates/broken.yaml");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.problem()).isEqualTo("mapping values are not allowed here");
    assertThat(e)
        .hasMessageContaining("app/templates/broken.yaml")
        .hasMessageContaining("line 5, column 11");
  }

  @Test
  void extract_unclosedFlowSequence_pointsAtWhereTheParserGaveUp() {
    ManifestParseException e =
        catchThrowableOfType(
            ManifestParseException.class,
            () -> extract("app/templates/args.yaml", "kind: Pod\nspec:\n  args: [a, b\n"));

    assertThat(e.source()).isEqualTo("app/templates/args.yaml");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(1);
  }

  @Test
  void extract_documentsThatAreNoObjects_areIgnored() throws Exception {
    List<ImageOccurrence> found =
        extractor.extract(
            manifest(
                List.of(
                    new RenderedDocument(null, "# only a comment\n"),
                    new RenderedDocument(null, "just a string\n"),
                    new RenderedDocument(null, "- image: quay.io/org/a:v1\n"),
                    new RenderedDocument(
                        null,
                        "kind: Thing\n"
                            + "spec: {image: quay.io/org/b:v1}\n"
                            + "---\n"
                            + "kind: Other\n"
                            + "image: quay.io/org/c:v1\n")),
                Map.of()));

    assertThat(found)
        .extracting(ImageOccurrence::image, ImageOccurrence::kind, ImageOccurrence::path)
        .containsExactly(
            tuple("quay.io/org/b:v1", "Thing", "/spec/image"),
            tuple("quay.io/org/c:v1", "Other", "/image"));
  }

  @Test
  void extract_withObjects_listsEveryObjectOfTheSameParse_listItemsAndCrdsToo() throws Exception {
    List<KubeObject> objects = new java.util.ArrayList<>();
    extractor.extract(
        manifest(
            List.of(
                new RenderedDocument(
                    "app/templates/cronjob.yaml",
                    "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: backup, namespace: ns}\n"),
                new RenderedDocument(
                    "app/templates/list.yaml",
                    "apiVersion: v1\nkind: List\nitems:\n"
                        + "- {apiVersion: extensions/v1beta1, kind: Ingress, metadata: {name: web}}\n"
                        + "- {apiVersion: policy/v1beta1, kind: PodSecurityPolicy, metadata: {name: p}}\n"),
                new RenderedDocument(
                    "app/crds/crd.yaml",
                    "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\n"
                        + "metadata: {name: things.example.com}\n"),
                new RenderedDocument(null, "# only a comment\n")),
            Map.of()),
        objects::add);

    assertThat(objects)
        .containsExactly(
            new KubeObject(
                "batch/v1beta1", "CronJob", "backup", "ns", "app/templates/cronjob.yaml"),
            new KubeObject("extensions/v1beta1", "Ingress", "web", null, "app/templates/list.yaml"),
            new KubeObject(
                "policy/v1beta1", "PodSecurityPolicy", "p", null, "app/templates/list.yaml"),
            new KubeObject(
                "apiextensions.k8s.io/v1beta1",
                "CustomResourceDefinition",
                null,
                null,
                "app/crds/crd.yaml"));
  }

  @Test
  void extract_chartAnnotations_areAnnotationOccurrencesFromChartYaml() throws Exception {
    Map<String, String> annotations =
        Map.of(
            "artifacthub.io/images",
            """
            - name: jenkins
              image: docker.io/jenkins/jenkins:2.568.2-jdk21
            - name: agent
              image: jenkins/inbound-agent:3385.vf1123fb_515da_-1
              platforms: [linux/amd64]
            """,
            "images",
            "- docker.io/bitnami/nginx:1.29.1-debian-12-r0\n",
            "helm.sh/images",
            "- name: broken\n  image: [not, a, string]\n",
            "artifacthub.io/links",
            "- name: source\n  url: https://github.com/org/chart\n",
            "category",
            "monitoring");

    List<ImageOccurrence> found = extractor.extract(manifest(List.of(), annotations));

    assertThat(found)
        .extracting(
            ImageOccurrence::image,
            ImageOccurrence::source,
            ImageOccurrence::path,
            ImageOccurrence::origin,
            ImageOccurrence::kind,
            ImageOccurrence::name)
        .containsExactly(
            tuple(
                "docker.io/jenkins/jenkins:2.568.2-jdk21",
                "Chart.yaml",
                "/annotations/artifacthub.io~1images/0/image",
                Origin.ANNOTATION,
                null,
                null),
            tuple(
                "jenkins/inbound-agent:3385.vf1123fb_515da_-1",
                "Chart.yaml",
                "/annotations/artifacthub.io~1images/1/image",
                Origin.ANNOTATION,
                null,
                null),
            tuple(
                "docker.io/bitnami/nginx:1.29.1-debian-12-r0",
                "Chart.yaml",
                "/annotations/images/0",
                Origin.ANNOTATION,
                null,
                null));
  }

  @Test
  void extract_annotationThatIsNoYamlList_isIgnored() throws Exception {
    List<ImageOccurrence> found =
        extractor.extract(
            manifest(
                List.of(),
                Map.of(
                    "images",
                    "nginx:1.27",
                    "artifacthub.io/images",
                    "- name: x\n  image: [unclosed\n")));

    assertThat(found).isEmpty();
  }

  @Test
  void extract_calledFromManyThreads_givesTheSameResultEachTime() throws Exception {
    String rendered;
    try (InputStream in = getClass().getResourceAsStream("/rendered/kube-prometheus-stack.yaml")) {
      rendered = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    RenderedManifest manifest = manifest(ManifestSplitter.split(rendered), Map.of());
    List<ImageOccurrence> serial = extractor.extract(manifest);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<List<ImageOccurrence>>> runs =
          IntStream.range(0, 16)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            try {
                              return extractor.extract(manifest);
                            } catch (ManifestParseException e) {
                              throw new IllegalStateException(e);
                            }
                          },
                          pool))
              .toList();
      for (CompletableFuture<List<ImageOccurrence>> run : runs) {
        assertThat(run.get()).isEqualTo(serial);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(serial).hasSize(13);
  }
}
