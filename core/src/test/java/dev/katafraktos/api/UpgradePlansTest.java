package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.values.Control;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.MovePlan;
import dev.katafraktos.values.Provenance;
import dev.katafraktos.values.TracedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several versions' plans as one: their edits, and the images they must all move. */
class UpgradePlansTest {
  private static final UpgradePlans.Refusal REFUSE = m -> new KatafraktosException("c", m, null);

  @Test
  void edits_pathsOfEveryVersion_onceEach_inTheOrderPlanned() throws Exception {
    Map<ValuePath, Object> edits =
        UpgradePlans.edits(
            List.of(
                plan("1.19.0", false, Map.of("legacy", "h/a:1")),
                plan("1.21.0", false, Map.of("current", "h/a:2")),
                plan("1.25.0", false, Map.of("legacy", "h/a:1"))),
            REFUSE);

    assertThat(edits)
        .containsExactly(
            Map.entry(ValuePath.of("legacy"), "h/a:1"),
            Map.entry(ValuePath.of("current"), "h/a:2"));
  }

  @Test
  void edits_onePathTwoValues_isRefusedNamingBothVersions() {
    assertThatThrownBy(
            () ->
                UpgradePlans.edits(
                    List.of(
                        plan("1.19.0", false, Map.of("image.repository", "h/old/app")),
                        plan("1.21.0", false, Map.of("image.repository", "h/new/app"))),
                    REFUSE))
        .hasMessage(
            "image.repository must be h/old/app on Kubernetes 1.19.0 but h/new/app on 1.21.0: one"
                + " values file cannot serve both; nothing was written");
  }

  @Test
  void edits_aVersionThatRefusesSubstitutedImages_allowsThemForAll() throws Exception {
    Map<ValuePath, Object> edits =
        UpgradePlans.edits(
            List.of(plan("1.19.0", false, Map.of("a", "h/a:1")), plan("1.21.0", true, Map.of())),
            REFUSE);

    assertThat(edits)
        .containsEntry(ValuePath.of("global", "security", "allowInsecureImages"), Boolean.TRUE);
  }

  private static VersionPlan plan(String version, boolean insecure, Map<String, String> edits) {
    Map<ValuePath, String> paths = new java.util.LinkedHashMap<>();
    edits.forEach((k, v) -> paths.put(ValuePath.of(k.split("\\.")), v));
    return new VersionPlan(
        version,
        null,
        new Provenance(List.of(), 1, insecure, List.of()),
        null,
        Map.of(),
        new MovePlan(paths, Map.of(), Map.of()));
  }

  @Test
  void refusePartialMoves_movedOnOneVersion_untracedOnAnother_isRefusedNamingBoth() {
    TracedImage moved = traced("registry.k8s.io/pause:3.9", 0);
    TracedImage missed = traced("registry.k8s.io/pause:3.9", 0);
    List<VersionPlan> plans =
        List.of(
            moves("1.19.0", moved, "pause.image"),
            misses("1.21.0", missed, "no value the trace could change moves it"),
            moves("1.25.0", traced("registry.k8s.io/pause:3.9", 0), "pause.image"));

    assertThatThrownBy(() -> UpgradePlans.refusePartialMoves(plans, Map.of(), request(), REFUSE))
        .hasMessageStartingWith(
            "the plan does not move every image on every version, nothing was written:"
                + " registry.k8s.io/pause:3.9 moves on Kubernetes 1.19.0, 1.25.0 but not on"
                + " 1.21.0: c/templates/t.yaml ");
  }

  @Test
  void refusePartialMoves_pathSetOnTheCommandLineOnOneVersion_isRefusedSayingSo() {
    TracedImage image = traced("registry.k8s.io/pause:3.9", 0);
    List<VersionPlan> plans =
        List.of(
            moves("1.19.0", image, "pause.image"),
            moves("1.21.0", traced("registry.k8s.io/pause:3.9", 0), "sidecar.image"));

    assertThatThrownBy(
            () ->
                UpgradePlans.refusePartialMoves(
                    plans, Map.of(ValuePath.of("sidecar", "image"), "x"), request(), REFUSE))
        .hasMessageContaining(
            "moves on Kubernetes 1.19.0 but not on 1.21.0: c/templates/t.yaml set on the command"
                + " line (sidecar.image); change it there");
  }

  @Test
  void refusePartialMoves_movedAndMissedOnTheSameVersionOnly_isThatVersionsPartialRewrite()
      throws Exception {
    // one version, two places: the one that cannot move is reported as "cannot be moved", as on
    // a rewrite for that version alone
    List<VersionPlan> plans =
        List.of(
            new VersionPlan(
                "1.19.0",
                null,
                new Provenance(
                    List.of(traced("busybox:1.37", 0), traced("busybox:1.37", 1)),
                    1,
                    false,
                    List.of()),
                null,
                Map.of(),
                new MovePlan(
                    Map.of(ValuePath.of("init", "image"), "h/busybox:1.37"),
                    Map.of(site(0), List.of(ValuePath.of("init", "image"))),
                    Map.of(site(1), "hard-coded"))),
            moves("1.21.0", traced("nginx:1.27", 0), "image"));

    UpgradePlans.refusePartialMoves(plans, Map.of(), request(), REFUSE);
  }

  private static RewriteRequest request() {
    return new RewriteRequest(
        java.nio.file.Path.of("no-such-chart"), null, null, null, true, false, null);
  }

  private static ImageSite site(int index) {
    return new ImageSite("c/templates/t.yaml", index, "Deployment", "/image");
  }

  private static TracedImage traced(String image, int index) {
    ImageSite site = site(index);
    ImageOccurrence o =
        new ImageOccurrence(
            image, image, "Deployment", "d", null, "c", null, site.source(), "/image", Origin.POD);
    return new TracedImage(site, o, List.of(), false);
  }

  /** {@code image} as the trace finds it when {@code path} holds the whole reference. */
  private static VersionPlan moves(String version, TracedImage untraced, String path) {
    ValuePath value = ValuePath.of(path.split("\\."));
    TracedImage image =
        new TracedImage(
            untraced.site(),
            untraced.occurrence(),
            List.of(
                new Control(value, untraced.image(), 0, untraced.image().length(), "", "", true)),
            false);
    return new VersionPlan(
        version,
        null,
        new Provenance(List.of(image), 1, false, List.of()),
        null,
        Map.of(),
        new MovePlan(
            Map.of(value, "h/" + image.image()), Map.of(image.site(), List.of(value)), Map.of()));
  }

  private static VersionPlan misses(String version, TracedImage image, String reason) {
    return new VersionPlan(
        version,
        null,
        new Provenance(List.of(image), 1, false, List.of()),
        null,
        Map.of(),
        new MovePlan(Map.of(), Map.of(), Map.of(image.site(), reason)));
  }
}
