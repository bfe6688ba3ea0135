package dev.katafraktos.rewrite;

import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.ValuePath;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Checks that a text edit changed no value but the one it meant to: reading back the edited path
 * alone misses an edit that also changes a neighbour, e.g. a key appended after a block scalar
 * ({@code |}) that ends the file without a newline gives that scalar a trailing newline (found by
 * ValuesEditorProperties).
 */
final class Untouched {
  private Untouched() {}

  /**
   * The value names that differ, outside {@code path}, between the two texts; empty when only the
   * path (and the mappings created for it) changed.
   */
  static String changedBesides(String before, String after, ValuePath path) {
    Object old;
    try {
      old = load(before);
    } catch (YamlEngineException e) {
      return ""; // e.g. a tag SnakeYAML cannot construct: nothing to compare with
    }
    try {
      return new Walk().besides(old, load(after), path.keys(), 0, "");
    } catch (YamlEngineException e) {
      return "(the document no longer reads: "
          + e.getMessage().lines().findFirst().orElse("")
          + ")";
    }
  }

  /**
   * With the core schema, closest to go-yaml's reading ({@code ~} is null), where SnakeYAML
   * Engine's default JSON schema reads it as a string.
   */
  private static Object load(String body) {
    return BoundedYaml.load(
        BoundedYaml.builder("values").setSchema(new CoreSchema()).build(), body);
  }

  /** One comparison; aliases load as shared objects, so pairs seen once are not walked again. */
  private static final class Walk {
    private final Map<Object, Set<Object>> seen = new IdentityHashMap<>();

    /** The first place outside the path where the trees differ, or "" if none. */
    String besides(Object old, Object now, List<String> keys, int i, String at) {
      if (i == keys.size()) {
        return ""; // the edited value itself: its read-back is checked by the caller
      }
      String key = keys.get(i);
      String here = at.isEmpty() ? key : ValuePath.isIndex(key) ? at + key : at + "." + key;
      if (ValuePath.isIndex(key)) {
        if (!(old instanceof List<?> a) || !(now instanceof List<?> b) || a.size() != b.size()) {
          return at;
        }
        int index = ValuePath.indexOf(key);
        for (int j = 0; j < a.size(); j++) {
          if (j != index && !same(a.get(j), b.get(j))) {
            return at + ValuePath.index(j);
          }
        }
        return index < a.size() ? besides(a.get(index), b.get(index), keys, i + 1, here) : at;
      }
      Map<?, ?> a = old instanceof Map<?, ?> map ? map : Map.of(); // an empty value takes keys
      if (!(now instanceof Map<?, ?> b) || old != null && !(old instanceof Map)) {
        return at.isEmpty() ? "(the document)" : at;
      }
      for (Map.Entry<?, ?> entry : a.entrySet()) {
        Object name = entry.getKey();
        if (!key.equals(name) && (!b.containsKey(name) || !same(entry.getValue(), b.get(name)))) {
          return at.isEmpty() ? String.valueOf(name) : at + "." + name;
        }
      }
      for (Object name : b.keySet()) {
        if (!key.equals(name) && !a.containsKey(name)) {
          return at.isEmpty() ? String.valueOf(name) : at + "." + name;
        }
      }
      return besides(a.get(key), b.get(key), keys, i + 1, here);
    }

    /** Equal trees; a pair met again (shared by aliases, or a cycle) counts as equal there. */
    boolean same(Object a, Object b) {
      if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
        if (!seen.computeIfAbsent(a, k -> Collections.newSetFromMap(new IdentityHashMap<>()))
            .add(b)) {
          return true;
        }
        if (x.size() != y.size()) {
          return false;
        }
        for (Map.Entry<?, ?> entry : x.entrySet()) {
          if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey()))) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof List<?> x && b instanceof List<?> y) {
        if (!seen.computeIfAbsent(a, k -> Collections.newSetFromMap(new IdentityHashMap<>()))
            .add(b)) {
          return true;
        }
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          if (!same(x.get(i), y.get(i))) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof byte[] x && b instanceof byte[] y) { // !!binary
        return Arrays.equals(x, y);
      }
      return Objects.equals(a, b);
    }
  }
}
