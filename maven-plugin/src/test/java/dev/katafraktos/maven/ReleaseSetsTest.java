package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.model.ReleaseOrigin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSetsTest {
  private static final File REPO = new File("repo");

  @TempDir Path project;

  @BeforeEach
  void repository() throws IOException {
    Path chart = Files.createDirectories(project.resolve("repo/charts/web"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "image: nginx:1.27\n");
    Files.writeString(chart.resolve("values-dev.yaml"), "image: nginx:1.27\n");
  }

  @Test
  void checkUsage_discoverWithNamedReleases_isOneLineError() {
    assertThatThrownBy(() -> ReleaseSets.checkUsage(true, REPO, null, null))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage(
            "discover finds the releases itself; configure either discover or <releases> /"
                + " katafraktos.charts, not both");
  }

  @Test
  void checkUsage_gitRefOrChangedSinceWithoutDiscover_saysToAddDiscover() {
    assertThatThrownBy(() -> ReleaseSets.checkUsage(true, null, "main", null))
        .hasMessage(
            "gitRef applies to the releases of discover; add -Dkatafraktos.discover=DIR (the"
                + " repository checkout)");
    assertThatThrownBy(() -> ReleaseSets.checkUsage(false, null, null, "origin/main"))
        .hasMessageStartingWith("changedSince applies to the releases of discover;");
  }

  @Test
  void checkUsage_blankPropertiesAndValidCombinations_pass() {
    assertThatCode(() -> ReleaseSets.checkUsage(true, null, " ", "")).doesNotThrowAnyException();
    assertThatCode(() -> ReleaseSets.checkUsage(false, REPO, "v1", "origin/main"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ReleaseSets.checkUsage(false, null, null, null))
        .doesNotThrowAnyException();
  }

  @Test
  void checkRewrite_commitOrBranchWithoutDiscover_saysToAddDiscover() {
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(null, null, null, true, null, false))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage(
            "commit applies to the releases of discover; add -Dkatafraktos.discover=DIR (a git"
                + " checkout)");
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(null, null, null, false, "b", false))
        .hasMessageStartingWith("branch applies to the releases of discover;");
  }

  @Test
  void checkRewrite_meaninglessCombinations_sayWhichToDrop() {
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(REPO, "v1", null, false, null, false))
        .hasMessage(
            "gitRef does not apply to rewrite-values, which edits the working tree (or with commit"
                + " the branch's files); drop gitRef");
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(REPO, null, null, false, "b", false))
        .hasMessage(
            "branch names the branch commit writes to; add -Dkatafraktos.commit, or drop branch");
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(REPO, null, null, true, null, true))
        .hasMessageStartingWith("commit and dryRun exclude each other");
    assertThatThrownBy(() -> ReleaseSets.checkRewrite(REPO, null, "main", true, null, false))
        .hasMessageStartingWith("changedSince does not apply with commit");
  }

  @Test
  void checkRewrite_discoverInPlaceDryRunOrCommit_pass() {
    assertThatCode(() -> ReleaseSets.checkRewrite(REPO, null, "main", false, null, true))
        .doesNotThrowAnyException();
    assertThatCode(() -> ReleaseSets.checkRewrite(REPO, null, null, true, "images", false))
        .doesNotThrowAnyException();
    assertThatCode(() -> ReleaseSets.checkRewrite(null, null, null, false, null, false))
        .doesNotThrowAnyException();
  }

  @Test
  void select_namedReleases_isNoReleaseSet() throws Exception {
    assertThat(ReleaseSets.select(project, true, null, null, null, new File("katafraktos.yaml")))
        .isNull();
  }

  @Test
  void select_discover_findsTheRepositorysReleasesFromTheProjectDirectory() throws Exception {
    try (ReleaseSelection set = ReleaseSets.select(project, false, REPO, " ", null, null)) {
      assertThat(set.releases().root()).isEqualTo(project.resolve("repo"));
      assertThat(set.releases().declared())
          .extracting(r -> r.environment())
          .containsExactly(null, "dev");
      // as reports show it: relative to the repository
      assertThat(
              set.releases()
                  .releases(RenderOptions.defaults())
                  .get(1)
                  .declared()
                  .origin()
                  .display())
          .isEqualTo("chart-dir charts/web/Chart.yaml");
      assertThat(set.notes().get(0)).startsWith("Discovered 2 releases in ");
    }
  }

  @Test
  void select_discoverMissingDirectory_saysWhatToPass() {
    assertThatThrownBy(() -> ReleaseSets.select(project, false, new File("nope"), null, null, null))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageContaining("no such directory; pass a repository checkout");
  }

  @Test
  void select_configFileWithReleases_isThatList() throws Exception {
    Files.writeString(
        project.resolve("katafraktos.yaml"),
        "registry: harbor.example.com\n"
            + "releases:\n"
            + "  - name: web\n"
            + "    chart: repo/charts/web\n"
            + "    valuesFiles: repo/charts/web/values-dev.yaml\n");

    try (ReleaseSelection set =
        ReleaseSets.select(project, false, null, null, null, new File("katafraktos.yaml"))) {
      assertThat(set.releases().declared()).extracting(r -> r.name()).containsExactly("web");
      assertThat(set.releases().declared().get(0).origin().kind())
          .isEqualTo(ReleaseOrigin.Kind.KATAFRAKTOS_YAML);
      assertThat(set.notes())
          .containsExactly("1 release listed in " + project.resolve("katafraktos.yaml"));
    }
  }

  @Test
  void select_configFileWithoutReleasesOrMissing_leavesItToTheOtherMessages() throws Exception {
    Files.writeString(project.resolve("katafraktos.yaml"), "registry: harbor.example.com\n");

    assertThat(ReleaseSets.select(project, false, null, null, null, new File("katafraktos.yaml")))
        .isNull();
    assertThat(ReleaseSets.select(project, false, null, null, null, new File("missing.yaml")))
        .isNull();
    assertThat(ReleaseSets.select(project, false, null, null, null, null)).isNull();
  }

  @Test
  void declaredIn_kindAndFileWithSlashes() {
    dev.katafraktos.model.Release release =
        dev.katafraktos.model.Release.of(
            "web",
            "prod",
            Path.of("charts/web"),
            List.of(),
            "prod",
            ReleaseOrigin.of(Path.of("apps", "web-prod.yaml"), ReleaseOrigin.Kind.ARGOCD));

    assertThat(release.origin().display()).isEqualTo("argocd apps/web-prod.yaml");
  }
}
