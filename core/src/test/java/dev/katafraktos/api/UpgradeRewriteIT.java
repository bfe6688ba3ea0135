package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.report.RewriteText;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rewrite for an upgrade from Kubernetes 1.19 to 1.21 (issue 13): testdata/charts/version-image
 * picks its scheduler image by the cluster's minor version, so one values file must move the image
 * of each version; version-image-hardcoded writes the pause image into its template below 1.21,
 * where no value can move it.
 */
class UpgradeRewriteIT {
  private static final List<String> UPGRADE = List.of("1.19.0", "1.21.0");
  private static final String HARBOR = "harbor.example.com/k8s";

  @TempDir Path temp;

  @Test
  void rewrite_twoVersions_editsTheImageOfEachVersion_andHelmRendersOnlyHarborOnBoth()
      throws Exception {
    Path values =
        Files.writeString(
            temp.resolve("values.yaml"),
            """
            # The scheduler through the upgrade from Kubernetes 1.19 to 1.21.
            scheduler:
              images:
                legacy: registry.k8s.io/kube-scheduler:v1.19.16 # until the upgrade
                current: "registry.k8s.io/kube-scheduler:v1.21.14"
            """);

    RewriteResult result = rewrite("version-image", values, UPGRADE);

    // written by hand: each version's own path, quoting and comment kept; pause once for both
    assertThat(values)
        .hasContent(
            """
            # The scheduler through the upgrade from Kubernetes 1.19 to 1.21.
            scheduler:
              images:
                legacy: harbor.example.com/k8s/kube-scheduler:v1.19.16 # until the upgrade
                current: "harbor.example.com/k8s/kube-scheduler:v1.21.14"
            pause:
              image: harbor.example.com/k8s/pause:3.9
            """);
    assertThat(result.complete()).isTrue();
    assertThat(result.written()).isTrue();
    assertThat(result.moved())
        .extracting(RewriteResult.MovedImage::image)
        .containsExactlyInAnyOrder(
            "registry.k8s.io/kube-scheduler:v1.19.16",
            "registry.k8s.io/kube-scheduler:v1.21.14",
            "registry.k8s.io/pause:3.9");
    assertThat(result.kubeVersions())
        .containsExactly(
            new RewriteResult.VersionCheck("1.19.0", 1),
            new RewriteResult.VersionCheck("1.21.0", 1));
    assertThat(RewriteText.write(result, false))
        .contains(
            "\nverified on Kubernetes 1.19.0, 1.21.0 (one render with the edited values per"
                + " version)\n");

    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      for (String version : UPGRADE) {
        List<String> images = helmImages(helm, "version-image", version, values);
        assertThat(images)
            .as("%s --kube-version %s", RealTools.helmVersion(helm), version)
            .hasSize(2)
            .allSatisfy(image -> assertThat(image).startsWith(HARBOR + "/"));
      }
    }

    RewriteResult again = rewrite("version-image", values, UPGRADE);
    assertThat(again.moved()).isEmpty();
    assertThat(again.written()).isFalse();
    assertThat(again.kubeVersions())
        .containsExactly(
            new RewriteResult.VersionCheck("1.19.0", 0),
            new RewriteResult.VersionCheck("1.21.0", 0));
  }

  @Test
  void rewrite_upgradeStoryOnThreeVersions_movesEachVersionsScheduler_helmAgreesOnEach()
      throws Exception {
    Path values = Files.writeString(temp.resolve("values.yaml"), "# ours\n");
    List<String> versions = List.of("1.19.0", "1.21.0", "1.25.0");

    RewriteResult result = rewrite("upgrade-story", values, versions);

    assertThat(result.complete()).isTrue();
    assertThat(result.moved())
        .extracting(RewriteResult.MovedImage::image)
        .contains(
            "registry.k8s.io/kube-scheduler:v1.19.16",
            "registry.k8s.io/kube-scheduler:v1.21.14",
            "registry.k8s.io/kube-scheduler:v1.25.16");
    assertThat(result.kubeVersions())
        .extracting(RewriteResult.VersionCheck::kubeVersion)
        .containsExactlyElementsOf(versions);
    String written = Files.readString(values);
    for (String tag : List.of("v1.19.16", "v1.21.14", "v1.25.16")) {
      assertThat(written).contains(HARBOR + "/kube-scheduler:" + tag);
    }
    // what helm renders on each version with the written values: nothing from registry.k8s.io
    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      for (String version : versions) {
        assertThat(helmImages(helm, "upgrade-story", version, values))
            .as("%s --kube-version %s", RealTools.helmVersion(helm), version)
            .anySatisfy(image -> assertThat(image).startsWith(HARBOR + "/kube-scheduler:"))
            .noneSatisfy(image -> assertThat(image).startsWith("registry.k8s.io/"));
      }
    }
  }

  @Test
  void rewrite_imageHardCodedOnOneVersion_refusesNamingImageVersionAndLine_writesNothing()
      throws Exception {
    String text = "# ours\nscheduler: {}\n";
    Path values = Files.writeString(temp.resolve("values.yaml"), text);
    Path template =
        RealTools.testdata().resolve("charts/version-image-hardcoded/templates/deployment.yaml");
    int line =
        Files.readAllLines(template).indexOf("          image: registry.k8s.io/pause:3.9") + 1;
    assertThat(line).as("the template still writes the pause image").isPositive();

    assertThatThrownBy(() -> rewrite("version-image-hardcoded", values, UPGRADE))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageContaining("nothing was written")
        .hasMessageContaining(
            "registry.k8s.io/pause:3.9 moves on Kubernetes 1.21.0 but not on 1.19.0:"
                + " version-image-hardcoded/templates/deployment.yaml:"
                + line
                + " hard-coded in the template: no value changes it");
    assertThat(values).hasContent(text);
  }

  @Test
  void rewrite_hardCodedChartOnOneVersion_isAPartialRewriteAsBefore() throws Exception {
    // one version is today's rewrite: what cannot move is reported, the rest is written
    Path values = Files.writeString(temp.resolve("values.yaml"), "");

    RewriteResult result = rewrite("version-image-hardcoded", values, List.of("1.19.0"));

    assertThat(result.kubeVersions()).isEmpty();
    assertThat(result.notControllable())
        .extracting(RewriteResult.UnmovableImage::image)
        .containsExactly("registry.k8s.io/pause:3.9");
    assertThat(values)
        .hasContent(
            "scheduler:\n  images:\n    legacy: harbor.example.com/k8s/kube-scheduler:v1.19.16\n");
  }

  @Test
  void rewrite_severalVersions_aVersionThatDoesNotRender_failsNamingIt() throws Exception {
    Path values = Files.writeString(temp.resolve("values.yaml"), "");

    assertThatThrownBy(() -> rewrite("version-image", values, List.of("1.19.0", "not-a-version")))
        .isInstanceOf(KatafraktosException.class)
        .hasMessageContaining("on Kubernetes not-a-version: ");
    assertThat(values).hasContent("");
  }

  private static RewriteResult rewrite(String chart, Path values, List<String> versions)
      throws Exception {
    RenderOptions options =
        RenderOptions.builder().release("rel").namespace("ns").valuesFiles(List.of(values)).build();
    AuditConfig config =
        AuditConfig.builder().mapping(Mapping.of("registry.k8s.io", HARBOR)).build();
    return Katafraktos.create()
        .rewrite(
            new RewriteRequest(
                    RealTools.testdata().resolve("charts").resolve(chart),
                    options,
                    config,
                    null,
                    false,
                    false,
                    null)
                .withKubeVersions(versions));
  }

  private static final Pattern IMAGE =
      Pattern.compile("(?m)^\\s*-?\\s*image:\\s*\"?([^\"\\s]+)\"?");

  /** The {@code image:} values of {@code helm template --kube-version V -f values}. */
  private static List<String> helmImages(Path helm, String chart, String version, Path values)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                helm.toString(),
                "template",
                "rel",
                RealTools.testdata().resolve("charts").resolve(chart).toString(),
                "--namespace",
                "ns",
                "--kube-version",
                version,
                "-f",
                values.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> images = new ArrayList<>();
    Matcher m = IMAGE.matcher(out);
    while (m.find()) {
      images.add(m.group(1));
    }
    return images;
  }
}
