package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestSplitterTest {

  @Test
  void split_helmOutput_oneDocumentPerSeparatorWithItsSource() {
    String output =
        """
        ---
        # Source: app/templates/sa.yaml
        apiVersion: v1
        kind: ServiceAccount
        ---
        # Source: app/templates/cm.yaml
        apiVersion: v1
        kind: ConfigMap
        """;

    List<RenderedDocument> documents = ManifestSplitter.split(output);

    assertThat(documents)
        .extracting(RenderedDocument::source)
        .containsExactly("app/templates/sa.yaml", "app/templates/cm.yaml");
    assertThat(documents.get(0).content())
        .isEqualTo("# Source: app/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\n");
  }

  @Test
  void split_fileBeginningWithItsOwnSeparator_keepsTheSourceOfTheEmptyDocumentBefore() {
    // velero's crds/*.yaml begin with "---": helm prints the source, then the file's separator
    String output =
        """
        ---
        # Source: velero/crds/backups.yaml
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        ---
        # Source: velero/templates/sa.yaml
        apiVersion: v1
        kind: ServiceAccount
        ---
        apiVersion: v1
        kind: ConfigMap
        """;

    assertThat(ManifestSplitter.split(output))
        .extracting(RenderedDocument::source)
        .containsExactly("velero/crds/backups.yaml", "velero/templates/sa.yaml", null);
  }

  @Test
  void split_emptyAndCommentOnlyDocuments_areDropped() {
    String output =
        """
        ---
        # Source: app/templates/disabled.yaml
        ---

        ---
        # Source: app/templates/cm.yaml
        # a comment of the template
        kind: ConfigMap
        ---
        """;

    List<RenderedDocument> documents = ManifestSplitter.split(output);

    assertThat(documents)
        .extracting(RenderedDocument::source)
        .containsExactly("app/templates/cm.yaml");
  }

  @Test
  void split_noSeparatorAndNoSource_isOneDocumentWithoutSource() {
    List<RenderedDocument> documents = ManifestSplitter.split("kind: Pod\nmetadata:\n  name: p\n");

    assertThat(documents)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.source()).isNull();
              assertThat(d.content()).isEqualTo("kind: Pod\nmetadata:\n  name: p\n");
            });
  }

  @Test
  void split_sourceAfterContent_isATemplateCommentNotTheSource() {
    String output = "---\nkind: Pod\n# Source: not/the/source.yaml\n";

    assertThat(ManifestSplitter.split(output))
        .singleElement()
        .extracting(RenderedDocument::source)
        .isNull();
  }

  @Test
  void split_firstSourceComment_wins() {
    String output = "---\n# Source: real.yaml\n# Source: copied-comment.yaml\nkind: Pod\n";

    assertThat(ManifestSplitter.split(output))
        .singleElement()
        .extracting(RenderedDocument::source)
        .isEqualTo("real.yaml");
  }

  @Test
  void split_separatorWithCommentOrContent_startsDocument() {
    String output = "--- # first\nkind: A\n--- {kind: B}\n...\n";

    List<RenderedDocument> documents = ManifestSplitter.split(output);

    assertThat(documents)
        .extracting(RenderedDocument::content)
        .containsExactly("kind: A\n", "--- {kind: B}\n");
  }

  @Test
  void split_crlfLineEndings_areSeparatorsToo() {
    String output = "---\r\n# Source: a.yaml\r\nkind: A\r\n---\r\n# Source: b.yaml\r\nkind: B\r\n";

    assertThat(ManifestSplitter.split(output))
        .extracting(RenderedDocument::source)
        .containsExactly("a.yaml", "b.yaml");
  }

  @Test
  void split_dashesInsideBlockScalar_doNotSplit() {
    String output = "---\nkind: ConfigMap\ndata:\n  a: |\n    ---\n    x: 1\n";

    assertThat(ManifestSplitter.split(output)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"argo-cd", "kube-prometheus-stack", "jenkins", "victoria-metrics-operator"})
  void split_corpusRender_everySeparatorGivesADocumentWithSource(String chart) throws IOException {
    String rendered;
    try (InputStream in = getClass().getResourceAsStream("/rendered/" + chart + ".yaml")) {
      rendered = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    long separators =
        Pattern.compile("^---$", Pattern.MULTILINE).matcher(rendered).results().count();

    List<RenderedDocument> documents = ManifestSplitter.split(rendered);

    assertThat(documents).hasSize((int) separators);
    assertThat(documents).allSatisfy(d -> assertThat(d.source()).startsWith(chart + "/"));
  }
}
