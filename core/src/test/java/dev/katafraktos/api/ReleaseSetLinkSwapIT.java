package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.gitops.GitFixture;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that is inside the repository when discovery checks it and outside when the rewrite
 * writes: the guard runs again right before the write. The swap is made by a wrapper around the
 * real helm binary, on its first run, that is after the values were read and before anything is
 * written; the outside file has the same content, so the rewrite verifies and reaches the write.
 */
class ReleaseSetLinkSwapIT {
  private static final Path CHART = Path.of("..", "testdata", "repos", "release-set", "charts");

  @TempDir Path temp;
  Path repo;
  Path outsideValues;
  Path link;

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(temp.resolve("repo"));
    GitFixture.copyTree(CHART.resolve("web"), repo.resolve("charts/web"));
    Files.delete(repo.resolve("charts/web/values-prod.yaml"));
    Files.delete(repo.resolve("charts/web/values-dev.yaml"));
    GitFixture.write(repo, "envs/prod.yaml", "image: nginx:1.27.4\n");
    link = repo.resolve("charts/web/values-prod.yaml");
    Files.createSymbolicLink(link, Path.of("../../envs/prod.yaml"));
    GitFixture.write(
        repo,
        "apps/web.yaml",
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
        spec:
          source:
            repoURL: https://git.example.com/team/deploy.git
            path: charts/web
            helm:
              valueFiles: [values-prod.yaml]
        """);
    outsideValues = GitFixture.write(temp, "outside/values.yaml", "image: nginx:1.27.4\n");
  }

  @Test
  void rewrite_linkSwappedOutsideAfterPlanning_refusesToWrite() throws Exception {
    Path helm = swappingHelm(RealTools.helm3());
    RenderOptions base =
        RenderOptions.builder().renderer(RendererKind.HELM).helmBinary(helm).build();
    AuditConfig config =
        AuditConfig.builder().mapping(Mapping.parse("docker.io=harbor.x/dh")).build();

    ReleaseSetRewrite result;
    try (ReleaseSet set = ReleaseSet.discover(repo)) {
      assertThat(set.skipped()).isEmpty();
      assertThat(set.declared()).hasSize(1);
      result = Katafraktos.create().rewrite(set, base, config, false, false, null);
    }

    assertThat(Files.readString(outsideValues)).isEqualTo("image: nginx:1.27.4\n");
    assertThat(Files.readString(repo.resolve("envs/prod.yaml"))).isEqualTo("image: nginx:1.27.4\n");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(outsideValues); // the swap did happen
    assertThat(result.releases()).hasSize(1);
    assertThat(result.releases().get(0).error())
        .contains(
            "values file charts/web/values-prod.yaml is a symbolic link to "
                + outsideValues.toRealPath()
                + ", outside the repository; nothing was changed");
    assertThat(result.failed()).isTrue();
  }

  @Test
  void rewrite_chartValuesLinkedOutsideAfterDiscovery_refusedBeforeRender() throws Exception {
    AuditConfig config =
        AuditConfig.builder().mapping(Mapping.parse("docker.io=harbor.x/dh")).build();
    Path chartValues = repo.resolve("charts/web/values.yaml");
    String before = Files.readString(chartValues);

    ReleaseSetRewrite result;
    try (ReleaseSet set = ReleaseSet.discover(repo)) {
      assertThat(set.skipped()).isEmpty();
      Files.move(chartValues, temp.resolve("outside/chart-values.yaml"));
      Files.createSymbolicLink(chartValues, temp.resolve("outside/chart-values.yaml"));
      result =
          Katafraktos.create().rewrite(set, RenderOptions.defaults(), config, false, false, null);
    }

    assertThat(Files.readString(temp.resolve("outside/chart-values.yaml"))).isEqualTo(before);
    assertThat(Files.readString(repo.resolve("envs/prod.yaml"))).isEqualTo("image: nginx:1.27.4\n");
    assertThat(result.releases().get(0).error())
        .contains(
            "chart charts/web holds charts/web/values.yaml, a symbolic link to "
                + temp.resolve("outside/chart-values.yaml").toRealPath()
                + ", outside the repository");
  }

  @Test
  void rewrite_linkInsideUnchanged_writesTheTargetAndKeepsTheLink() throws Exception {
    RenderOptions base =
        RenderOptions.builder().renderer(RendererKind.HELM).helmBinary(RealTools.helm3()).build();
    AuditConfig config =
        AuditConfig.builder().mapping(Mapping.parse("docker.io=harbor.x/dh")).build();

    ReleaseSetRewrite result;
    try (ReleaseSet set = ReleaseSet.discover(repo)) {
      result = Katafraktos.create().rewrite(set, base, config, false, false, null);
    }

    assertThat(result.failed()).as(String.valueOf(result)).isFalse();
    assertThat(Files.readString(repo.resolve("envs/prod.yaml")))
        .isEqualTo("image: harbor.x/dh/library/nginx:1.27.4\n");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../envs/prod.yaml"));
    assertThat(Files.readString(outsideValues)).isEqualTo("image: nginx:1.27.4\n");
  }

  /** A helm that, the first time it runs, points the values link outside, then runs helm. */
  private Path swappingHelm(Path realHelm) throws Exception {
    Path mark = temp.resolve("swapped");
    Path script = temp.resolve("bin/helm");
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "if [ ! -e '"
            + mark
            + "' ]; then\n  : > '"
            + mark
            + "'\n  ln -sfn '"
            + outsideValues
            + "' '"
            + link
            + "'\nfi\nexec '"
            + realHelm
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
