package dev.katafraktos.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.Release;
import dev.katafraktos.model.ReleaseOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSetLoaderTest {
  private static final Path EXAMPLE = RepoFixture.REPOS.resolve("release-set");

  @TempDir Path dir;

  @BeforeEach
  void chart() throws Exception {
    Files.createDirectories(dir.resolve("web"));
    Files.writeString(dir.resolve("web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
  }

  @Test
  void load_documentedExample() throws Exception {
    Path file = EXAMPLE.resolve("katafraktos.yaml");
    ReleaseOrigin origin = ReleaseOrigin.of(file, ReleaseOrigin.Kind.KATAFRAKTOS_YAML);

    List<Release> releases = ReleaseSetLoader.load(file);

    assertThat(releases)
        .containsExactly(
            new Release(
                "web",
                "web",
                EXAMPLE.resolve("charts/web"),
                List.of(
                    EXAMPLE.resolve("charts/web/values-prod.yaml"),
                    EXAMPLE.resolve("envs/prod.yaml")),
                List.of(),
                List.of("replicaCount=2", "podAnnotations.team=shop"),
                List.of("podLabels.version=1.0"),
                "1.31.0",
                "production",
                origin),
            // one values file may be written without a list; its name gives the environment
            Release.of(
                "web-dev",
                "default",
                EXAMPLE.resolve("charts/web"),
                List.of(EXAMPLE.resolve("charts/web/values-dev.yaml")),
                "dev",
                origin));
  }

  @Test
  void load_noReleasesSection_isEmpty() throws Exception {
    assertThat(ReleaseSetLoader.load(write("registry: harbor.example.com\n"))).isEmpty();
    assertThat(ReleaseSetLoader.load(write("# nothing yet\n"))).isEmpty();
    assertThat(ReleaseSetLoader.load(write("releases:\n"))).isEmpty();
  }

  @Test
  void load_relativePaths_areRelativeToTheFile() throws Exception {
    Files.createDirectories(dir.resolve(".git")); // the repository the list may name paths in
    Files.createDirectories(dir.resolve("config"));
    Path file = dir.resolve("config/katafraktos.yaml");
    Files.writeString(file, "releases:\n  - name: web\n    chart: ../web\n");

    assertThat(ReleaseSetLoader.load(file))
        .extracting(Release::chart)
        .containsExactly(dir.resolve("web"));
  }

  @Test
  void load_notInAGitCheckout_pathsStayInTheFilesDirectory() throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Path file = dir.resolve("config/katafraktos.yaml");
    Files.writeString(file, "releases:\n  - name: web\n    chart: ../web\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .isInstanceOf(ReleaseConfigException.class)
        .hasMessage(
            file
                + ":3:12: chart "
                + dir.resolve("web")
                + " is outside the repository (release web)");
  }

  @Test
  void load_setAsList_keepsEntriesAsWritten() throws Exception {
    Path file =
        write(
            "releases:\n  - name: web\n    chart: web\n    set: [a=1, 'b=x\\,y']\n"
                + "    setString:\n      c: 007\n");

    Release release = ReleaseSetLoader.load(file).get(0);

    assertThat(release.set()).containsExactly("a=1", "b=x\\,y");
    assertThat(release.setString()).containsExactly("c=007");
  }

  @Test
  void load_unknownKey_namesItWithFileLineColumn() throws Exception {
    Path file = write("releases:\n  - name: web\n    chart: web\n    valueFiles: [a.yaml]\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .isInstanceOf(ReleaseConfigException.class)
        .hasMessage(
            file
                + ":4:5: unknown key 'valueFiles' in release web; expected one of chart,"
                + " environment, kubeVersion, name, namespace, set, setString, valuesFiles");
  }

  @Test
  void load_missingChart_isAnError() throws Exception {
    Path file = write("releases:\n  - name: api\n    chart: charts/api\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .hasMessage(
            file
                + ":3:12: chart charts/api of release api does not exist ("
                + dir.resolve("charts/api")
                + ")");
  }

  @Test
  void load_missingValuesFile_isAnError() throws Exception {
    Path file = write("releases:\n  - name: web\n    chart: web\n    valuesFiles: [prod.yaml]\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .hasMessage(
            file
                + ":4:19: values file prod.yaml of release web does not exist ("
                + dir.resolve("prod.yaml")
                + ")");
  }

  @Test
  void load_entryWithoutName_orChart_isAnError() throws Exception {
    Path noName = write("releases:\n  - chart: web\n");
    Path noChart = write("releases:\n  - name: web\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(noName))
        .hasMessage(noName + ":2:5: a release needs a name");
    assertThatThrownBy(() -> ReleaseSetLoader.load(noChart))
        .hasMessage(noChart + ":2:5: release web needs a chart");
  }

  @Test
  void load_setEntryWithoutEquals_isAnError() throws Exception {
    Path file = write("releases:\n  - name: web\n    chart: web\n    set: [image]\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(file))
        .hasMessage(file + ":4:11: 'image' in set of release web must be key=value");
  }

  @Test
  void load_releasesNotAList_orMalformedYaml_isAnError() throws Exception {
    Path notList = write("releases:\n  web: {chart: web}\n");
    Path malformed = write("releases:\n  - name: web\n   chart: web\n");

    assertThatThrownBy(() -> ReleaseSetLoader.load(notList))
        .hasMessage(notList + ":2:3: releases must be a list");
    assertThatThrownBy(() -> ReleaseSetLoader.load(malformed))
        .isInstanceOf(ReleaseConfigException.class)
        .hasMessageStartingWith("invalid YAML at " + malformed + ":3:");
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(dir, "katafraktos", ".yaml");
    Files.writeString(file, text);
    return file;
  }
}
