package dev.katafraktos.values;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.ValuePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
      new ObjectMapper(
          BoundedYaml.yamlFactoryBuilder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());

  private OverridesFile() {}

  /**
   * Writes {@code values} as a values file. A path into a list ({@code initContainers[0].image})
   * writes the whole list, copied from {@code effective} with the element changed, because helm
   * replaces a list as a whole.
   */
  static Path write(
      Path dir, String prefix, Map<ValuePath, Object> values, Map<String, Object> effective) {
    Map<String, Object> root = new LinkedHashMap<>();
    values.forEach((path, value) -> put(root, effective, path.keys(), value));
    try {
      Path file = Files.createTempFile(dir, prefix, ".yaml");
      Files.writeString(file, YAML.writeValueAsString(root));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets {@code keys} to {@code value} in {@code root}, lists on the way copied whole. */
  static void put(Map<String, Object> root, Map<?, ?> effective, List<String> keys, Object value) {
    Object container = root;
    Object source = effective;
    for (int i = 0; i < keys.size() - 1; i++) {
      String key = keys.get(i);
      Object sourceChild = child(source, key);
      Object child = child(container, key);
      if (ValuePath.isIndex(keys.get(i + 1))) {
        if (!(child instanceof List)) {
          if (!(sourceChild instanceof List<?> list)) {
            throw new IllegalArgumentException(
                "no list at " + new ValuePath(keys.subList(0, i + 1)) + " in the chart's values");
          }
          child = copy(list);
          set(container, key, child);
        }
      } else if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        set(container, key, child);
      }
      container = child;
      source = sourceChild;
    }
    set(container, keys.get(keys.size() - 1), value);
  }

  /** The value at {@code key} of a map, or at an index key of a list; null when there is none. */
  static Object child(Object container, String key) {
    if (container instanceof Map<?, ?> map) {
      return map.get(key);
    }
    if (container instanceof List<?> list && ValuePath.isIndex(key)) {
      int i = ValuePath.indexOf(key);
      return i < list.size() ? list.get(i) : null;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object container, String key, Object value) {
    if (container instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(key, value);
    } else if (container instanceof List<?> list
        && ValuePath.isIndex(key)
        && ValuePath.indexOf(key) < list.size()) {
      ((List<Object>) list).set(ValuePath.indexOf(key), value);
    } else {
      throw new IllegalArgumentException("cannot set " + key + " in " + container);
    }
  }

  /** A deep copy of a values tree, so that the chart's values stay as they were. */
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
