package dev.katafraktos.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.Release;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderResult;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every release discovered in {@code testdata/repos/} renders with real helm 3, and its values
 * apply in the order the declaring tool applies them: each repository sets the image in several
 * places, and the expected image (written by hand) is the one that must win.
 */
class DiscoveredReleasesRenderIT {
  @TempDir Path tmp;

  @Test
  void everyDiscoveredRelease_rendersWithTheImageItsLastValuesSourceSets() throws Exception {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    // argocd: valueFiles < values < parameters
    expected.put("argocd api", List.of("nginx:1.27.4", "redis:7.4.2"));
    expected.put(
        "argocd shop-prod",
        List.of("busybox:1.37.0", "nginx:1.27.5", "quay.io/curl/curl:8.12.1", "redis:7.4.2"));
    expected.put("argocd web prod", List.of("nginx:1.27.6"));
    expected.put("argocd bootstrap", List.of());
    // flux: valuesFiles < valuesFrom < values
    expected.put("flux api-prod-api", List.of("nginx:1.27.5", "redis:7.4.2"));
    expected.put("flux web prod", List.of("nginx:1.27.5"));
    // helmfile: values in order (files and inline maps) < set
    expected.put("helmfile web prod", List.of("nginx:1.27.5"));
    expected.put("helmfile api", List.of("nginx:1.27.5", "redis:7.4.3"));
    // plain charts: the chart's defaults, then one environment file
    String shop = "busybox:1.37.0 nginx:1.27.4 quay.io/curl/curl:8.12.1 redis:7.4.2";
    expected.put("charts shop", List.of(shop.split(" ")));
    expected.put("charts shop prod", List.of(shop.split(" ")));
    expected.put("charts web", List.of("nginx:1.27"));
    expected.put("charts web dev", List.of("nginx:1.27.5"));
    expected.put("charts web prod", List.of("nginx:1.27.4"));
    // katafraktos.yaml: valuesFiles < set
    expected.put("release-set web production", List.of("nginx:1.27.4-alpine"));
    expected.put("release-set web-dev dev", List.of("nginx:1.27"));

    Map<String, List<String>> actual = new LinkedHashMap<>();
    try (ChartRenderer helm = Renderers.helmBinary(RealTools.helm3())) {
      for (String repo : List.of("argocd", "flux", "helmfile", "charts", "release-set")) {
        for (Release release :
            ReleaseDiscovery.discover(RepoFixture.REPOS.resolve(repo)).releases()) {
          String key =
              repo
                  + " "
                  + release.name()
                  + (release.environment() == null ? "" : " " + release.environment());
          RenderResult result = helm.renderAll(List.of(request(release))).get(0);
          assertThat(result.failure()).as("render of %s", key).isNull();
          TreeSet<String> images = new TreeSet<>();
          for (ImageOccurrence o : new ImageExtractor().extract(result.manifest())) {
            if (o.origin() == Origin.POD) {
              images.add(o.image());
            }
          }
          actual.put(key, List.copyOf(images));
        }
      }
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  /** What the api will do: inline values become files after the values files. */
  private RenderRequest request(Release release) throws Exception {
    List<Path> files = new ArrayList<>(release.valuesFiles());
    for (String yaml : release.inlineValues()) {
      Path file = Files.createTempFile(tmp, "inline", ".yaml");
      Files.writeString(file, yaml);
      files.add(file);
    }
    RenderRequest.Builder b =
        RenderRequest.builder(release.chart())
            .release(release.name())
            .namespace(release.namespace())
            .kubeVersion(release.kubeVersion());
    return b.valuesFiles(files).set(release.set()).setString(release.setString()).build();
  }
}
