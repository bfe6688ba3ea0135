package dev.katafraktos.values;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.katafraktos.model.ValuePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated values file that sets some paths, for renders the user never sees. */
final class OverridesFile {
  /** Bitnami charts refuse images they do not know unless this is true (bitnami/charts#30850). */
  static final ValuePath ALLOW_INSECURE_IMAGES =
      ValuePath.of("global", "security", "allowInsecureImages");

  static final String SUBSTITUTION_REFUSED = "Original containers have been substituted";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private OverridesFile() {}

  static Path write(Path dir, String prefix, Map<ValuePath, Object> values) {
    Map<String, Object> root = new LinkedHashMap<>();
    values.forEach((path, value) -> put(root, path.keys(), value));
    try {
      Path file = Files.createTempFile(dir, prefix, ".yaml");
      Files.writeString(file, YAML.writeValueAsString(root));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<String> keys, Object value) {
    Map<String, Object> map = root;
    for (String key : keys.subList(0, keys.size() - 1)) {
      Object child = map.get(key);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        map.put(key, child);
      }
      map = (Map<String, Object>) child;
    }
    map.put(keys.get(keys.size() - 1), value);
  }
}
