package dev.katafraktos.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on user values files, so a bad one is named with its position before helm runs. */
final class ValuesFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ValuesFiles() {}

  static void requireReadable(RenderRequest request, Path file) throws RenderException {
    String chart = request.chart().toString();
    if (!Files.isRegularFile(file)) {
      throw new RenderException(chart, null, "Values file not found: " + file);
    }
    try {
      YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new RenderException(
          chart, null, "Invalid YAML in values file " + file + position + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot read values file " + file + ": " + e.getMessage());
    }
  }
}
