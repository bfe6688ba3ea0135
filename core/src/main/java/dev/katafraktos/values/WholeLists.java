package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list of the chart's values with some elements changed. Helm replaces a list as a whole, so a
 * change inside a list that only the chart's defaults hold has to be written as the whole list.
 */
public final class WholeLists {
  private WholeLists() {}

  /**
   * The list at {@code list} in {@code effective} with {@code edits} (paths inside it) applied; the
   * effective values themselves stay as they are.
   */
  public static List<?> edited(
      Map<String, Object> effective, ValuePath list, Map<ValuePath, Object> edits) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<ValuePath, Object> edit : edits.entrySet()) {
      if (!edit.getKey().outermostList().equals(Optional.of(list))) {
        throw new IllegalArgumentException(edit.getKey() + " is not inside " + list);
      }
      OverridesFile.put(root, effective, edit.getKey().keys(), edit.getValue());
    }
    Object node = root;
    for (String key : list.keys()) {
      node = OverridesFile.child(node, key);
    }
    return (List<?>) node;
  }
}
