package dev.katafraktos.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.limits.BoundedYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --set} and {@code --set-string} for the embedded renderer. helm-java takes set values as
 * plain key/value pairs that helm types as {@code --set} does (and escapes lists away), so values
 * whose type would come out wrong that way go into a generated values file instead: {@code
 * --set-string} values that {@code --set} would read as a bool, null or integer, and {@code {a,b}}
 * lists.
 *
 * @param pairs key/value pairs for helm-java's {@code set}
 * @param overrides values for the generated values file (nested maps), empty when none
 */
record SetValues(List<Map.Entry<String, String>> pairs, Map<String, Object> overrides) {

  // what helm's strvals types as non-strings: bools, null and int64s without leading zeros
  private static final Pattern TYPED = Pattern.compile("true|false|null|[-+]?(0|[1-9][0-9]*)");
  private static final ObjectMapper JSON = BoundedYaml.jsonMapper();

  static SetValues of(String chart, List<String> set, List<String> setString)
      throws RenderException {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String entry : set) {
      for (String[] kv : split(chart, "--set", entry)) {
        String value = kv[1];
        if (value.startsWith("{") && value.endsWith("}")) {
          List<Object> list = new ArrayList<>();
          for (String item : splitUnescaped(value.substring(1, value.length() - 1), ',')) {
            list.add(typed(unescape(item)));
          }
          put(chart, overrides, kv[0], list);
        } else {
          pairs.add(Map.entry(kv[0], unescape(value)));
        }
      }
    }
    for (String entry : setString) {
      for (String[] kv : split(chart, "--set-string", entry)) {
        String value = unescape(kv[1]);
        if (TYPED.matcher(value).matches()) {
          put(chart, overrides, kv[0], value);
        } else {
          pairs.add(Map.entry(kv[0], value));
        }
      }
    }
    return new SetValues(pairs, overrides);
  }

  /** The generated values file's content (JSON, which is YAML), or {@code null} when not needed. */
  String overridesYaml() {
    if (overrides.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(overrides);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String[]> split(String chart, String flag, String entry)
      throws RenderException {
    List<String[]> result = new ArrayList<>();
    for (String part : splitUnescaped(entry, ',')) {
      int eq = indexOfUnescaped(part, '=');
      if (eq <= 0) {
        throw new RenderException(
            chart, null, flag + " " + entry + ": expected key=value, got \"" + part + "\"");
      }
      result.add(new String[] {part.substring(0, eq), part.substring(eq + 1)});
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void put(String chart, Map<String, Object> root, String key, Object value)
      throws RenderException {
    if (key.contains("[")) {
      throw new RenderException(
          chart, null, "--set " + key + ": list indices in keys need --renderer helm here");
    }
    List<String> path = splitUnescaped(key, '.');
    Map<String, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object child = node.get(unescape(path.get(i)));
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(unescape(path.get(i)), child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(unescape(path.get(path.size() - 1)), value);
  }

  private static Object typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    if (value.equals("null")) {
      return null;
    }
    if (TYPED.matcher(value).matches()) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  /** Splits on {@code separator} where it is neither escaped nor inside {@code {...}}. */
  static List<String> splitUnescaped(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      }
      if (c == separator && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static int indexOfUnescaped(String text, char wanted) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
