package dev.katafraktos.values;

import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.ValuePath;
import java.util.List;
import java.util.Map;

/** Questions about a user's values file, answered as helm would read it. */
public final class UserValues {
  private UserValues() {}

  /** Whether {@code text} sets {@code path} (to anything, null included). */
  public static boolean defines(String text, ValuePath path) {
    Object node;
    try {
      node = BoundedYaml.load(BoundedYaml.settings("values"), text);
    } catch (RuntimeException e) {
      return false;
    }
    for (String key : path.keys()) {
      if (ValuePath.isIndex(key)
          && node instanceof List<?> list
          && ValuePath.indexOf(key) < list.size()) {
        node = list.get(ValuePath.indexOf(key));
      } else if (node instanceof Map<?, ?> map && map.containsKey(key)) {
        node = map.get(key);
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a {@code --set}/{@code --set-string} entry sets {@code path} or something inside it.
   */
  public static boolean setOnCommandLine(Iterable<String> entries, ValuePath path) {
    String name = path.toString();
    for (String entry : entries) {
      for (String part : entry.split("(?<!\\\\),")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part : part.substring(0, eq);
        if (key.equals(name) || key.startsWith(name + ".") || name.startsWith(key + ".")) {
          return true;
        }
      }
    }
    return false;
  }
}
