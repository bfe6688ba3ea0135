package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which values a rendered scalar carries: the values whose markers showed up in it in the marked
 * renders of a trace (a ConfigMap holding {@code toYaml .Values}, a custom resource's {@code
 * repository}), and where on which line of the scalar's text each showed.
 *
 * @param values every value seen in the scalar
 * @param lines for each line count the scalar had in a marked render, its marked lines by line
 *     number; a render with other values may have other lines, so only lines of a text with the
 *     same count say anything about that text
 */
public record Carriage(Set<ValuePath> values, Map<Integer, Map<Integer, List<MarkedLine>>> lines) {
  public Carriage {
    values = Set.copyOf(values);
    Map<Integer, Map<Integer, List<MarkedLine>>> copy = new LinkedHashMap<>();
    lines.forEach(
        (count, byLine) -> {
          Map<Integer, List<MarkedLine>> inner = new LinkedHashMap<>();
          byLine.forEach((line, marked) -> inner.put(line, List.copyOf(marked)));
          copy.put(count, Map.copyOf(inner));
        });
    lines = Map.copyOf(copy);
  }

  /**
   * One line of a marked render.
   *
   * @param text the line as the marked render printed it
   * @param spans where marked values stand in it
   */
  public record MarkedLine(String text, List<Span> spans) {
    public MarkedLine {
      spans = List.copyOf(spans);
    }

    /**
     * The line with each span replaced: by the new value where {@code edits} has one, else by what
     * the unmarked value printed; null when spans overlap (a template that transforms a value).
     */
    public String with(Map<ValuePath, String> edits) {
      StringBuilder out = new StringBuilder();
      int at = 0;
      for (Span span : spans) {
        if (span.start() < at || span.end() > text.length()) {
          return null;
        }
        out.append(text, at, span.start());
        String edit = edits.get(span.path());
        out.append(edit != null ? edit : span.restored());
        at = span.end();
      }
      return out.append(text.substring(at)).toString();
    }
  }

  /**
   * A marked value in a line: {@code [start, end)} is the marked text (the value and its marker),
   * {@code restored} what the unmarked value printed there.
   */
  public record Span(int start, int end, ValuePath path, String restored) {}

  /** Whether any of {@code edited} is carried here. */
  public boolean carriesAny(Set<ValuePath> edited) {
    return values.stream().anyMatch(edited::contains);
  }

  /**
   * The marked lines for line {@code line} of a text of {@code lineCount} lines, or null when no
   * marked render had that many lines.
   */
  public List<MarkedLine> markedLines(int lineCount, int line) {
    Map<Integer, List<MarkedLine>> byLine = lines.get(lineCount);
    return byLine == null ? null : byLine.getOrDefault(line, List.of());
  }

  /**
   * The values of {@code edited} seen on line {@code line} of a text of {@code lineCount} lines, or
   * null when no marked render had that many lines.
   */
  public Set<ValuePath> editedOnLine(int lineCount, int line, Set<ValuePath> edited) {
    List<MarkedLine> marked = markedLines(lineCount, line);
    if (marked == null) {
      return null;
    }
    Set<ValuePath> out = new LinkedHashSet<>();
    marked.forEach(m -> m.spans().forEach(s -> out.add(s.path())));
    out.retainAll(edited);
    return out;
  }

  /** The values carried, in path order, for people to read. */
  public List<ValuePath> sorted() {
    List<ValuePath> out = new ArrayList<>(values);
    out.sort(Comparator.comparing(ValuePath::toString));
    return out;
  }
}
