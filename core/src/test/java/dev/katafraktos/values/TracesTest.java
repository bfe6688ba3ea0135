package dev.katafraktos.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ValuePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How marked renders turn into controls. The marked strings here are what a template such as {@code
 * {{ .registry }}/{{ .repository }}:{{ .tag }}} makes of the marked values.
 */
class TracesTest {
  private static Map<Integer, Marker> markers(Object... pathsAndValues) {
    Map<Integer, Marker> markers = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      ValueLeaf leaf =
          new ValueLeaf(ValuePath.parse((String) pathsAndValues[i]), pathsAndValues[i + 1]);
      Marker marker = Marker.of(i / 2 + 1, leaf);
      markers.put(marker.id(), marker);
    }
    return markers;
  }

  private static String render(String template, Map<Integer, Marker> markers) {
    String out = template;
    for (Marker m : markers.values()) {
      out = out.replace("{" + m.leaf().path() + "}", m.text());
    }
    return out;
  }

  @Test
  void interpolatedValues_giveTheirSpans() {
    Map<Integer, Marker> m =
        markers(
            "image.registry",
            "docker.io",
            "image.repository",
            "bitnami/nginx",
            "image.tag",
            "1.25.3");
    Traces traces = new Traces("docker.io/bitnami/nginx:1.25.3");

    traces.add(render("{image.registry}/{image.repository}:{image.tag}", m), m);

    assertThat(traces.controls.values())
        .extracting(Control::path, Control::start, Control::end, Control::exact)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ValuePath.parse("image.registry"), 0, 9, true),
            org.assertj.core.groups.Tuple.tuple(ValuePath.parse("image.repository"), 10, 23, true),
            org.assertj.core.groups.Tuple.tuple(ValuePath.parse("image.tag"), 24, 30, true));
    assertThat(traces.changedOtherwise).isFalse();
  }

  @Test
  void emptyValueWithDefault_replacesWhatTheTemplateWroteInstead() {
    // {{ .registry | default "docker.io" }}/{{ .repository }} with registry ""
    Map<Integer, Marker> m = markers("image.registry", "");
    Traces traces = new Traces("docker.io/bitnami/nginx:1.0");

    traces.add(render("{image.registry}/bitnami/nginx:1.0", m), m);

    Control registry = traces.controls.get(ValuePath.parse("image.registry"));
    assertThat(registry.exact()).isTrue();
    assertThat(registry.apply("docker.io/bitnami/nginx:1.0", "harbor.corp/hub"))
        .isEqualTo("harbor.corp/hub/bitnami/nginx:1.0");
  }

  @Test
  void emptyDigest_thatReplacesTheTag_isUnderstood() {
    // {{ if .digest }}@{{ .digest }}{{ else }}:{{ .tag }}{{ end }}
    Map<Integer, Marker> m = markers("image.digest", "");
    Traces traces = new Traces("nginx:1.0");

    traces.add(render("nginx@{image.digest}", m), m);

    Control digest = traces.controls.get(ValuePath.parse("image.digest"));
    assertThat(digest.apply("nginx:1.0", "sha256:ab")).isEqualTo("nginx@sha256:ab");
  }

  @Test
  void transformedValue_isKnownToControl_butNotHow() {
    Map<Integer, Marker> m = markers("image.repository", "Bitnami/Nginx");
    Traces traces = new Traces("bitnami/nginx:1.0");

    traces.add(render("{image.repository}:1.0", m).toLowerCase(), m);

    assertThat(traces.controls.get(ValuePath.parse("image.repository")).exact()).isFalse();
  }

  @Test
  void digestValues_areMarkedAsDigests_andFound() {
    String digest = "sha256:" + "a".repeat(64);
    Map<Integer, Marker> m = markers("image.digest", digest);
    assertThat(m.get(1).text()).matches("sha256:[0-9a-f]{64}");
    Traces traces = new Traces("nginx@" + digest);

    traces.add(render("nginx@{image.digest}", m), m);

    Control c = traces.controls.get(ValuePath.parse("image.digest"));
    assertThat(c.exact()).isTrue();
    assertThat(c.start()).isEqualTo(6);
    assertThat(c.end()).isEqualTo(6 + digest.length());
  }

  @Test
  void versions_stayVersions_whenMarked() {
    assertThat(markers("t", "1.25.3").get(1).text()).isEqualTo("1.25.3-zkx1z");
    assertThat(markers("t", "1.25.3-debian-12-r0").get(1).text())
        .isEqualTo("1.25.3-debian-12-r0.zkx1z");
    assertThat(markers("t", "bitnami/nginx").get(1).text()).isEqualTo("bitnami/nginxzkx1z");
    assertThat(markers("t", "").get(1).text()).isEqualTo("0.0.0-zkx1z");
  }

  @Test
  void twoEmptyValuesInOneImage_areNotTrusted_andReportedAsAClash() {
    Map<Integer, Marker> m = markers("image.registry", "", "image.digest", null);
    Traces traces = new Traces("nginx:1.0");

    traces.add(render("{image.registry}/nginx@{image.digest}", m), m);

    assertThat(traces.controls.values()).noneMatch(Control::exact);
    assertThat(traces.clashingEmpties)
        .containsExactly(
            List.of(ValuePath.parse("image.registry"), ValuePath.parse("image.digest")));
  }

  @Test
  void imageThatChangesWithoutAMarker_isFlagged() {
    Map<Integer, Marker> m = markers("flavour", "alpine");
    Traces traces = new Traces("nginx:1.0");

    traces.add("nginx:1.0-slim", m);

    assertThat(traces.changedOtherwise).isTrue();
    assertThat(traces.controls).isEmpty();
  }

  @Test
  void goFloat_printsAsHelmDoes() {
    assertThat(ValueLeaf.goFloat(1.10)).isEqualTo("1.1");
    assertThat(ValueLeaf.goFloat(3.0)).isEqualTo("3");
    assertThat(ValueLeaf.goFloat(1000000.0)).isEqualTo("1e+06");
    assertThat(ValueLeaf.goFloat(0.00001)).isEqualTo("1e-05");
    assertThat(ValueLeaf.goFloat(123456.0)).isEqualTo("123456");
  }
}
