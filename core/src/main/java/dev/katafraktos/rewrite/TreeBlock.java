package dev.katafraktos.rewrite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.ValuePath;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A list or mapping written as a YAML block into a values file, and read back to check it. */
final class TreeBlock {
  // every string double-quoted: go-yaml reads YAML 1.1, where a plain "on" or "0777" is no string
  private static final ObjectMapper YAML =
      new ObjectMapper(
          BoundedYaml.yamlFactoryBuilder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());
  private static final ObjectMapper JSON = BoundedYaml.jsonMapper();

  private TreeBlock() {}

  /** {@code value} on one line in flow style: JSON, whose strings are double-quoted. */
  static String inline(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
    }
  }

  /** An empty list or mapping, written {@code []} or {@code {}} rather than as a block. */
  static boolean isEmpty(Object value) {
    return (value instanceof java.util.Collection<?> c && c.isEmpty())
        || (value instanceof java.util.Map<?, ?> m && m.isEmpty());
  }

  /** {@code value} as block lines indented by {@code column}, without a final newline. */
  static String render(Object value, int column, String newline) {
    String text;
    try {
      text = YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as YAML", e);
    }
    String pad = " ".repeat(column);
    return text.lines().map(line -> pad + line).collect(Collectors.joining(newline));
  }

  /** The value at {@code path} in {@code text}, as SnakeYAML Engine reads it. */
  static Object load(String text, ValuePath path) {
    Object node = BoundedYaml.load(BoundedYaml.settings("values"), text);
    for (String key : path.keys()) {
      if (ValuePath.isIndex(key) && node instanceof List<?> list) {
        node = ValuePath.indexOf(key) < list.size() ? list.get(ValuePath.indexOf(key)) : null;
      } else if (node instanceof Map<?, ?> map) {
        node = map.get(key);
      } else {
        return null;
      }
    }
    return node;
  }

  /** Equal as JSON: a number read back as Long is the Integer written. */
  static boolean sameTree(Object a, Object b) {
    try {
      return JSON.readTree(JSON.writeValueAsString(a))
          .equals(JSON.readTree(JSON.writeValueAsString(b)));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** A short description for the change list: {@code (a list of 2)}. */
  static String describe(Object value) {
    if (value instanceof List<?> list) {
      return "(the whole list, " + list.size() + (list.size() == 1 ? " item)" : " items)");
    }
    return "(a mapping)";
  }
}
