package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.katafraktos.api.RewriteResult.AlsoChange;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.Renderers;
import dev.katafraktos.testsupport.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * testdata/charts/values-in-config: the chart copies its values into a ConfigMap, a Secret (base64)
 * and a custom resource's split image fields. The rewrite must verify there, list those fields as
 * what else changes, and — rendered again by the real helm 3 and helm 4 before and after — no
 * container argument, environment value, config value or custom-resource value may differ except by
 * a moved image reference or by the edited value it carries.
 */
class ValuesInConfigRewriteIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String HUB = "harbor.corp/dockerhub";
  private static final String NGINX = "nginx:1.27.4";
  private static final String NGINX_TARGET = HUB + "/library/nginx:1.27.4";

  @TempDir Path temp;

  private final Path chart = RealTools.testdata().resolve("charts").resolve("values-in-config");

  @Test
  void rewrite_valuesCarriedIntoConfig_verifiesAndListsWhatElseChanges() throws Exception {
    // a log level no extractor takes for an image: what is tested here is the carried values
    String original = "logging:\n  level: info\n";
    Path values = Files.writeString(temp.resolve("values.yaml"), original);

    RewriteResult result = rewrite(values);

    assertThat(result.written()).isTrue();
    assertThat(result.moved())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.image()).isEqualTo(NGINX);
              assertThat(m.target()).isEqualTo(NGINX_TARGET);
              assertThat(m.values()).extracting(v -> v.path()).containsExactly("image.repository");
            });
    assertThat(result.alsoChanges())
        .extracting(a -> a.kind() + " " + a.source() + " " + a.path() + " " + a.values())
        .containsExactlyInAnyOrder(
            "Secret values-in-config/templates/secret.yaml /data/values.yaml [image.repository]",
            "ConfigMap values-in-config/templates/configmap.yaml /data/values.yaml"
                + " [image.repository]",
            "AppInstance values-in-config/templates/appinstance.yaml /spec/repository"
                + " [image.repository]");
    assertThat(result.alsoChanges())
        .extracting(AlsoChange::reason)
        .containsOnly("carries the values");
    assertThat(result.alsoChanges().get(0).toString())
        .isEqualTo("Secret/rel-app data.values.yaml: carries image.repository");

    Path before = Files.writeString(temp.resolve("before.yaml"), original);
    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      List<String> differences =
          onlyMovedImagesDiffer(render(helm, before), render(helm, values), HUB + "/library/nginx");
      assertThat(differences)
          .as("fields that changed with %s", RealTools.helmVersion(helm))
          .containsExactlyInAnyOrder(
              "values-in-config/templates/secret.yaml /data/values.yaml",
              "values-in-config/templates/configmap.yaml /data/values.yaml",
              "values-in-config/templates/appinstance.yaml /spec/repository");
    }
  }

  @Test
  void rewrite_logLevelThatParsesAsAnImage_isNeverChanged() throws Exception {
    // logging.level: default:info parses as an image (repository "default", tag "info"); an
    // extractor that takes it for one plans a destructive edit, which the verification refuses.
    // Either way the rendered argument must stay as it is.
    Path values = Files.writeString(temp.resolve("values.yaml"), "");

    KatafraktosException refused = null;
    try {
      rewrite(values);
    } catch (KatafraktosException e) {
      refused = e;
    }

    if (refused != null) {
      assertThat(refused.getMessage())
          .contains("does not verify, nothing was written")
          .contains("/spec/template/spec/containers/0/args/0")
          .contains("--log-level=default:info");
      assertThat(values).hasContent("");
      return;
    }
    Path before = Files.writeString(temp.resolve("before.yaml"), "");
    for (Path helm : List.of(RealTools.helm3(), RealTools.helm4())) {
      assertThat(
              onlyMovedImagesDiffer(
                  render(helm, before), render(helm, values), HUB + "/library/nginx"))
          .doesNotContain(
              "values-in-config/templates/deployment.yaml"
                  + " /spec/template/spec/containers/0/args/0");
    }
  }

  private RewriteResult rewrite(Path values) throws Exception {
    RenderOptions options =
        RenderOptions.builder().release("rel").namespace("ns").valuesFiles(List.of(values)).build();
    AuditConfig config = AuditConfig.builder().mapping(Mapping.of("docker.io", HUB)).build();
    return Katafraktos.create()
        .rewrite(new RewriteRequest(chart, options, config, null, false, false, null));
  }

  private List<RenderedDocument> render(Path helm, Path values) throws Exception {
    try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
      return renderer
          .render(
              RenderRequest.builder(chart)
                  .release("rel")
                  .namespace("ns")
                  .valuesFiles(List.of(values))
                  .build())
          .documents();
    }
  }

  /**
   * Compares every container argument and environment value, every ConfigMap and Secret data value
   * (decoded) and every value of a custom resource; a field may differ only by the moved image
   * replaced by its target, or — for the fields that carry the values — by the repository value
   * {@code nginx} replaced by {@code repository}. Fails on anything else; returns the carried
   * fields that differed, as {@code source pointer}.
   */
  private static List<String> onlyMovedImagesDiffer(
      List<RenderedDocument> before, List<RenderedDocument> after, String repository)
      throws Exception {
    assertThat(after).hasSameSizeAs(before);
    List<String> carried = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      JsonNode a = YAML.readTree(before.get(i).content());
      JsonNode b = YAML.readTree(after.get(i).content());
      String kind = a.path("kind").asText();
      Map<String, String> fa = fields(a, kind);
      Map<String, String> fb = fields(b, kind);
      assertThat(fb.keySet()).isEqualTo(fa.keySet());
      for (Map.Entry<String, String> f : fa.entrySet()) {
        String x = f.getValue();
        String y = fb.get(f.getKey());
        String where = before.get(i).source() + " " + f.getKey();
        if (x.equals(y) || wholeReference(x, NGINX, NGINX_TARGET).equals(y)) {
          continue;
        }
        Matcher value = Pattern.compile("(?m)(^|: )nginx$").matcher(x);
        assertThat(value.replaceAll("$1" + Matcher.quoteReplacement(repository)))
            .as("%s changed by something else than the edited image.repository", where)
            .isEqualTo(y);
        carried.add(where);
      }
    }
    return carried;
  }

  private static String wholeReference(String text, String image, String target) {
    return text.replaceAll(
        "(?<![\\w./:@-])" + Pattern.quote(image) + "(?![\\w./:@-])",
        Matcher.quoteReplacement(target));
  }

  /** The text fields compared: what a program is told, its config, a custom resource's spec. */
  private static Map<String, String> fields(JsonNode document, String kind) {
    Map<String, String> out = new LinkedHashMap<>();
    collect(document, "", out);
    Map<String, String> chosen = new LinkedHashMap<>();
    out.forEach(
        (pointer, text) -> {
          if (pointer.matches(".*/containers/\\d+/(args/\\d+|env/\\d+/value)")) {
            chosen.put(pointer, text);
          } else if (kind.equals("ConfigMap") && pointer.startsWith("/data/")) {
            chosen.put(pointer, text);
          } else if (kind.equals("Secret") && pointer.startsWith("/data/")) {
            chosen.put(
                pointer, new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
          } else if (!List.of("ConfigMap", "Secret", "Deployment").contains(kind)
              && pointer.startsWith("/spec/")) {
            chosen.put(pointer, text);
          }
        });
    return chosen;
  }

  private static void collect(JsonNode node, String pointer, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(
            e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, out);
      }
    } else if (!node.isNull()) {
      out.put(pointer, node.asText());
    }
  }
}
