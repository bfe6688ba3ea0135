package dev.katafraktos.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.ValuePath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovePlannerTest {
  private static int sites;

  private static TracedImage image(String image, Control... controls) {
    ImageSite site = new ImageSite("c/templates/t.yaml", sites++, "Deployment", "/image");
    ImageOccurrence o =
        new ImageOccurrence(
            image, image, "Deployment", "d", null, "c", null, site.source(), "/image", Origin.POD);
    return new TracedImage(site, o, List.of(controls), false);
  }

  private static Control span(String path, String value, int start) {
    return new Control(ValuePath.parse(path), value, start, start + value.length(), "", "", true);
  }

  @Test
  void registryValue_isSetToTheTarget() {
    TracedImage nginx =
        image(
            "docker.io/bitnami/nginx:1.25",
            span("image.registry", "docker.io", 0),
            span("image.repository", "bitnami/nginx", 10),
            span("image.tag", "1.25", 24));

    MovePlan plan =
        MovePlanner.plan(
            List.of(nginx), Map.of(nginx.site(), "harbor.corp/hub/bitnami/nginx:1.25"));

    assertThat(plan.edits())
        .containsExactly(Map.entry(ValuePath.parse("image.registry"), "harbor.corp/hub"));
    assertThat(plan.unmovable()).isEmpty();
  }

  @Test
  void sharedGlobal_isNotSet_whenItWouldMoveAnImageOfAnotherRegistry() {
    Control global = new Control(ValuePath.parse("global.imageRegistry"), "", 0, 9, "", "", true);
    TracedImage hub =
        image("docker.io/bitnami/nginx:1", global, span("image.registry", "docker.io", 0));
    TracedImage quay =
        image("docker.io/other/tool:2", global, span("tool.registry", "docker.io", 0));

    // only the first moves: the global would move the second too
    MovePlan plan =
        MovePlanner.plan(List.of(hub, quay), Map.of(hub.site(), "harbor.corp/hub/bitnami/nginx:1"));

    assertThat(plan.edits()).containsOnlyKeys(ValuePath.parse("image.registry"));
  }

  @Test
  void narrowestValue_winsOverAGlobal_evenWhenBothWork() {
    Control global = new Control(ValuePath.parse("global.imageRegistry"), "", 0, 9, "", "", true);
    TracedImage a = image("docker.io/a:1", global, span("a.registry", "docker.io", 0));
    TracedImage b = image("docker.io/b:1", global, span("b.registry", "docker.io", 0));

    MovePlan plan =
        MovePlanner.plan(
            List.of(a, b),
            Map.of(a.site(), "harbor.corp/hub/a:1", b.site(), "harbor.corp/hub/b:1"));

    assertThat(plan.edits())
        .containsOnlyKeys(ValuePath.parse("a.registry"), ValuePath.parse("b.registry"));
  }

  @Test
  void pathPrefixMapping_splitsOverRegistryAndRepository() {
    TracedImage nginx =
        image(
            "docker.io/bitnami/nginx:1",
            span("image.registry", "docker.io", 0),
            span("image.repository", "bitnami/nginx", 10));

    MovePlan plan =
        MovePlanner.plan(List.of(nginx), Map.of(nginx.site(), "harbor.corp/mirror/nginx:1"));

    assertThat(plan.edits())
        .containsEntry(ValuePath.parse("image.registry"), "harbor.corp")
        .containsEntry(ValuePath.parse("image.repository"), "mirror/nginx");
  }

  @Test
  void wholeImageInOneValue_getsTheWholeTarget() {
    TracedImage busybox = image("busybox:1.36", span("sidecar.image", "busybox:1.36", 0));

    MovePlan plan =
        MovePlanner.plan(
            List.of(busybox), Map.of(busybox.site(), "harbor.corp/hub/library/busybox:1.36"));

    assertThat(plan.edits())
        .containsExactly(
            Map.entry(ValuePath.parse("sidecar.image"), "harbor.corp/hub/library/busybox:1.36"));
  }

  @Test
  void hardCodedAndTransformedImages_areUnmovable_withReasons() {
    TracedImage fixed = image("docker.io/library/busybox:1");
    TracedImage lowered =
        image("quay.io/x/y:1", Control.inexact(ValuePath.parse("y.repository"), "X/Y"));

    MovePlan plan =
        MovePlanner.plan(
            List.of(fixed, lowered),
            Map.of(fixed.site(), "h/hub/library/busybox:1", lowered.site(), "h/quay/x/y:1"));

    assertThat(plan.edits()).isEmpty();
    assertThat(plan.unmovable().get(fixed.site())).contains("hard-coded");
    assertThat(plan.unmovable().get(lowered.site())).contains("y.repository");
  }
}
