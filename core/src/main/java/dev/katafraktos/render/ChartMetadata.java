package dev.katafraktos.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.limits.BoundedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a chart's {@code Chart.yaml} rendering needs: its name and annotations.
 *
 * @param name the chart name
 * @param annotations the annotations, as strings
 */
record ChartMetadata(String name, Map<String, String> annotations) {

  private static final ObjectMapper YAML = BoundedYaml.yamlMapper();

  /** Reads the metadata of a chart directory or packaged chart, or says why it is not a chart. */
  static ChartMetadata read(Path chart) throws RenderException {
    String shown = chart.toString();
    if (!Files.exists(chart)) {
      throw new RenderException(shown, null, "Chart not found: " + shown);
    }
    try {
      if (Files.isDirectory(chart)) {
        Path chartYaml = chart.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
          throw new RenderException(shown, null, "Not a chart: " + shown + " has no Chart.yaml");
        }
        try (InputStream in = Files.newInputStream(chartYaml)) {
          return parse(shown, chartYaml.toString(), in.readAllBytes());
        }
      }
      byte[] chartYaml = ChartArchive.read(chart).topLevelFile("Chart.yaml");
      if (chartYaml == null) {
        throw new RenderException(shown, null, "Not a chart: " + shown + " has no Chart.yaml");
      }
      return parse(shown, shown + "!Chart.yaml", chartYaml);
    } catch (ChartArchive.Refused e) {
      throw new RenderException(shown, null, "Unsafe packaged chart " + e.getMessage());
    } catch (IOException e) {
      throw new RenderException(shown, null, "Cannot read chart " + shown + ": " + e.getMessage());
    }
  }

  private static ChartMetadata parse(String chart, String file, byte[] yaml)
      throws RenderException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot parse " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RenderException(chart, null, "Not a chart: " + file + " is not a mapping");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    root.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), text(e)));
    return new ChartMetadata(root.path("name").asText(""), annotations);
  }

  private static String text(Map.Entry<String, JsonNode> entry) {
    JsonNode value = entry.getValue();
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
