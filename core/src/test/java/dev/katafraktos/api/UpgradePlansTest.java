package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.values.MovePlan;
import dev.katafraktos.values.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edits of several versions' plans as one set of values. */
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
}
