package dev.katafraktos.render;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the renderer for a chart's effective values instead of re-implementing helm's merge rules
 * (defaults of enabled subcharts only, under their alias; globals copied down; {@code null}
 * deleting a default; {@code --set} typing), which also differ between helm versions. A copy of the
 * chart gets one more template in its top chart that prints {@code .Values}, and that document is
 * taken out of the output again:
 *
 * <ul>
 *   <li>It prints {@code .Values | toJson | b64enc}. Base64 has no character that YAML, the {@code
 *       ---} and {@code # Source:} lines or the renderers' text fix-ups ({@link
 *       PreparedCharts#restore}) could act on, whatever strings the values hold, and keeps the JSON
 *       on one line of any length.
 *   <li>It is a small object with an apiVersion, kind and name of its own: helm parses the head of
 *       every document and sorts documents by kind, putting unknown kinds last with a stable sort,
 *       so the other documents keep their order.
 *   <li>It sits deeper in the chart's tree than any other file. Helm executes templates deepest
 *       path first ({@code sortTemplates} in helm's {@code pkg/engine/engine.go}), so it prints
 *       {@code .Values} before any template changes it: bitnami's redis stores a generated password
 *       in {@code global.redis.password} while it renders, which would make the values random.
 * </ul>
 */
final class ValuesDump {
  private static final String DIRECTORY = "zz-katafraktos-values";
  // the top chart's templates only: a subchart's source reads "app/charts/sub/templates/..."
  private static final Pattern SOURCE =
      Pattern.compile("[^/]+/templates/" + DIRECTORY + "/(?:x/)*values\\.yaml");
  private static final Pattern DATA = Pattern.compile("(?m)^data: ([A-Za-z0-9+/=]*)[ \\t\\r]*$");

  private ValuesDump() {}

  /**
   * Where the template goes in a chart whose files have at most {@code depth} slashes in their
   * names ({@link ChartFiles#depth()}); {@code top} is the chart's folder, e.g. {@code app/}.
   */
  static String templateName(String top, int depth) {
    StringBuilder name = new StringBuilder(top).append("templates/").append(DIRECTORY).append('/');
    for (int slashes = 3; slashes <= depth; slashes++) {
      name.append("x/");
    }
    return name.append("values.yaml").toString();
  }

  /**
   * The template's text; {@code filter} is a template function applied to the JSON text before it
   * is encoded, or {@code null}.
   */
  static String template(String filter) {
    return String.join(
        "\n",
        "apiVersion: katafraktos.invalid/v1",
        "kind: EffectiveValues",
        "metadata:",
        "  name: effective-values",
        "data: {{ .Values | toJson" + (filter == null ? "" : " | " + filter) + " | b64enc }}",
        "");
  }

  /** Whether {@code document} is the one the template printed. */
  static boolean isDump(RenderedDocument document) {
    return document.source() != null && SOURCE.matcher(document.source()).matches();
  }

  /**
   * The JSON the template printed into {@code document}, which is {@code null} if it is missing.
   */
  static String json(String chart, RenderedDocument document) throws RenderException {
    if (document == null) {
      throw new RenderException(
          chart,
          null,
          "Cannot read the values of chart "
              + chart
              + ": helm did not render templates/"
              + DIRECTORY
              + "/ (does the chart's .helmignore leave it out?)");
    }
    Matcher data = DATA.matcher(document.content());
    String json =
        data.find()
            ? new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8)
            : "";
    if (json.isEmpty()) {
      // sprig's toJson prints nothing when the values cannot be encoded
      throw new RenderException(
          chart, null, "Cannot read the values of chart " + chart + ": helm printed no JSON");
    }
    return json;
  }
}
