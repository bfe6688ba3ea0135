package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreparedChartsTest {

  @Test
  void restore_hookToken_becomesTheHelmAnnotationAgain() {
    String out =
        PreparedCharts.restore(
            "metadata:\n  annotations:\n    \"katafraktos.invalid/hook\": test\n    katafraktos.invalid/hook-weight: \"1\"\n");

    assertThat(out)
        .isEqualTo(
            "metadata:\n  annotations:\n    \"helm.sh/hook\": test\n    helm.sh/hook-weight: \"1\"\n");
  }

  @Test
  void restore_crdDocuments_areNamedAfterTheirFilesAndLoseTheMarker() {
    String rendered =
        String.join(
            "\n",
            "---",
            "# Source: app/templates/zz-katafraktos-crds.yaml",
            "# katafraktos-crd-source: crds/a.yaml",
            "kind: CustomResourceDefinition",
            "---",
            "# Source: app/charts/sub/templates/zz-katafraktos-crds.yaml",
            "# katafraktos-crd-source: crds/nested/b.yml",
            "kind: CustomResourceDefinition",
            "---",
            "# Source: app/templates/deploy.yaml",
            "kind: Deployment",
            "");

    assertThat(PreparedCharts.restore(rendered))
        .isEqualTo(
            String.join(
                "\n",
                "---",
                "# Source: app/crds/a.yaml",
                "kind: CustomResourceDefinition",
                "---",
                "# Source: app/charts/sub/crds/nested/b.yml",
                "kind: CustomResourceDefinition",
                "---",
                "# Source: app/templates/deploy.yaml",
                "kind: Deployment",
                ""));
  }
}
