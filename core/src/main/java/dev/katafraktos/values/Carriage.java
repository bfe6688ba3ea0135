package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which values a rendered scalar carries: the values whose markers showed up in it in the marked
 * renders of a trace (a ConfigMap holding {@code toYaml .Values}, a custom resource's {@code
 * repository}), and on which line of the scalar's text each showed.
 *
 * @param values every value seen in the scalar
 * @param lines for each line count the scalar had in a marked render, the values seen on each line;
 *     a render with other values may have other lines, so only a map whose count matches the text
 *     it is compared with says anything about that text's lines
 */
public record Carriage(Set<ValuePath> values, Map<Integer, Map<Integer, Set<ValuePath>>> lines) {
  public Carriage {
    values = Set.copyOf(values);
    Map<Integer, Map<Integer, Set<ValuePath>>> copy = new LinkedHashMap<>();
    lines.forEach(
        (count, byLine) -> {
          Map<Integer, Set<ValuePath>> inner = new LinkedHashMap<>();
          byLine.forEach((line, paths) -> inner.put(line, Set.copyOf(paths)));
          copy.put(count, Map.copyOf(inner));
        });
    lines = Map.copyOf(copy);
  }

  /** Whether any of {@code edited} is carried here. */
  public boolean carriesAny(Set<ValuePath> edited) {
    return values.stream().anyMatch(edited::contains);
  }

  /**
   * The values of {@code edited} seen on line {@code line} of a text of {@code lineCount} lines, or
   * null when no marked render had that many lines.
   */
  public Set<ValuePath> editedOnLine(int lineCount, int line, Set<ValuePath> edited) {
    Map<Integer, Set<ValuePath>> byLine = lines.get(lineCount);
    if (byLine == null) {
      return null;
    }
    Set<ValuePath> out = new LinkedHashSet<>(byLine.getOrDefault(line, Set.of()));
    out.retainAll(edited);
    return out;
  }

  /** The values carried, in path order, for people to read. */
  public List<ValuePath> sorted() {
    return values.stream().sorted(java.util.Comparator.comparing(ValuePath::toString)).toList();
  }
}
