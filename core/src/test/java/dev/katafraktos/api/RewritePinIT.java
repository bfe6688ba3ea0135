package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.RealTools;
import dev.katafraktos.testsupport.TestRegistry;
import dev.katafraktos.values.ImageSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pin-digests} against a real registry: the digest written is the one the registry serves
 * for the tag, and helm renders the pinned reference from the edited values.
 */
class RewritePinIT {
  @TempDir Path temp;

  @Test
  void pinDigests_writesTheDigestTheTargetServes_whereverAValueCanCarryIt() throws Exception {
    try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.OPEN)) {
      String host = registry.host();
      Map<String, String> digests =
          registry.seed("hub/library/nginx:1.27=docker", "hub/library/redis:7.4.2=oci");
      AuditConfig config =
          AuditConfig.builder()
              .mapping(Mapping.parse("docker.io=" + host + "/hub"))
              .insecureRegistry(host)
              .build();

      // the whole reference in one value
      String nginx = rewrite("string-image", config);
      String pinnedNginx =
          host + "/hub/library/nginx:1.27@" + digests.get("hub/library/nginx:1.27");
      assertThat(nginx).isEqualTo("image: " + pinnedNginx + "\n");
      assertThat(helmImages("string-image")).containsExactly(pinnedNginx);

      // repository plus an empty tag that defaults to appVersion: the tag value carries the digest
      rewrite("repo-tag-appversion", config);
      assertThat(helmImages("repo-tag-appversion"))
          .containsExactly(
              host + "/hub/library/redis:7.4.2@" + digests.get("hub/library/redis:7.4.2"));
    }
  }

  @Test
  void pinDigests_imageMissingEverywhere_movesUnpinned_andSaysWhy() throws Exception {
    try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.OPEN)) {
      String host = registry.host();
      // nothing seeded under hub/, and the source registry is the same empty registry
      AuditConfig config =
          AuditConfig.builder()
              .mapping(Mapping.parse("docker.io=" + host + "/hub"))
              .insecureRegistry(host)
              .build();
      Path values = Files.writeString(temp.resolve("string-image.yaml"), "");

      RewriteResult result =
          Katafraktos.create()
              .rewrite(
                  new RewriteRequest(
                      chart("string-image"),
                      RenderOptions.builder().valuesFiles(List.of(values)).build(),
                      config,
                      null,
                      false,
                      true,
                      null));

      assertThat(result.moved())
          .singleElement()
          .satisfies(m -> assertThat(m.target()).isEqualTo(host + "/hub/library/nginx:1.27"));
      assertThat(result.warnings())
          .anyMatch(w -> w.startsWith("cannot pin " + host + "/hub/library/nginx:1.27"));
    }
  }

  private String rewrite(String chart, AuditConfig config) throws Exception {
    Path values = Files.writeString(temp.resolve(chart + ".yaml"), "");
    RewriteResult result =
        Katafraktos.create()
            .rewrite(
                new RewriteRequest(
                    chart(chart),
                    RenderOptions.builder().valuesFiles(List.of(values)).build(),
                    config,
                    null,
                    false,
                    true,
                    null));
    assertThat(result.notControllable()).isEmpty();
    return Files.readString(values);
  }

  private List<String> helmImages(String chart) throws Exception {
    try (ChartRenderer helm = Renderers.helmBinary(RealTools.helm4())) {
      return ImageSite.locate(
              helm.render(
                  RenderRequest.builder(chart(chart))
                      .valuesFile(temp.resolve(chart + ".yaml"))
                      .build()))
          .values()
          .stream()
          .map(o -> o.image())
          .distinct()
          .toList();
    }
  }

  private static Path chart(String name) {
    return RealTools.testdata().resolve("charts").resolve(name);
  }
}
