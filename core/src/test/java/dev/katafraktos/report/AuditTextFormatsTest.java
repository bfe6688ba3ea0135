package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTextFormatsTest {
  @Test
  void table_rowsPerImageThenFindingsThenSummary() throws Exception {
    String table = AuditTable.write(AuditFixtures.report());

    assertThat(table)
        .startsWith("charts/app\n  IMAGE ")
        .contains("PULL FROM")
        .containsPattern(
            "  nginx:1\\.27 +harbor\\.example\\.com/hub/library/nginx:1\\.27 +missing +"
                + "external-registry,missing-in-registry\n")
        .containsPattern("  NOT A <ref> +- +invalid +invalid-reference\n")
        .contains(
            "  ERROR missing-in-registry: harbor.example.com/hub/library/nginx:1.27 (mapped"
                + " from docker.io/library/nginx:1.27) is not in harbor.example.com: ")
        .contains("[app/templates/my deployment.yaml Deployment/web]")
        .contains("charts/other app\n")
        .contains("5 images in 2 charts, 5 checked: 6 errors, 1 warning\n")
        .endsWith(
            "Docker Hub: 2 images still pulled from Docker Hub; every node that starts them"
                + " all spends 2 of 100 (Docker Hub reported 61 left)\n");
  }

  @Test
  void table_offline_saysNotChecked() throws Exception {
    assertThat(AuditTable.write(AuditFixtures.offline()))
        .contains("not checked")
        .contains("spends 1 of its 100 anonymous pulls per 6 h");
  }

  @Test
  void markdown_verdictTablePerChartAndCleanImagesFolded() throws Exception {
    String md = AuditMarkdown.write(AuditFixtures.report());

    assertThat(md)
        .startsWith("## Katafraktos audit\n\n**Failed**: 5 images in 2 charts")
        .contains("> Docker Hub: 2 images still pulled from Docker Hub;")
        .contains(
            "### `charts/app`\n\n| Severity | Rule | Image | Finding | Where |\n|---|---|---|---|---|\n")
        .contains(
            "| **error** | `external-registry` | `nginx:1.27` | docker.io/library/nginx:1.27 is"
                + " pulled from Docker Hub")
        .contains("| warning | `mutable-tag` | `busybox` |")
        .contains("`NOT A <ref>`")
        .contains(
            "<details><summary>1 image without findings</summary>\n\n"
                + "- `harbor.example.com/team/api:2.0` (present)\n");
    // the secret-bearing message had a pipe: escaped, so the row keeps its five cells
    assertThat(md).contains("\\| token=****");
    assertThat(md.lines().filter(l -> l.startsWith("| ")).allMatch(AuditTextFormatsTest::fiveCells))
        .isTrue();
  }

  @Test
  void textFormats_neverPrintSecrets() throws Exception {
    assertThat(AuditTable.write(AuditFixtures.report())).doesNotContain(AuditFixtures.SECRET);
    assertThat(AuditMarkdown.write(AuditFixtures.report())).doesNotContain(AuditFixtures.SECRET);
  }

  private static boolean fiveCells(String row) {
    return row.replace("\\|", "").chars().filter(c -> c == '|').count() == 6;
  }
}
