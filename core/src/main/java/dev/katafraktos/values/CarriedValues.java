package dev.katafraktos.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects, over the marked renders of a trace, which values show up in which rendered scalars of
 * every document, not only in images: a chart that copies its values into a ConfigMap, a Secret or
 * a custom resource changes them there too when they are edited, and the verification must know
 * that this is the edit and not something else.
 */
final class CarriedValues {
  private final Map<FieldSite, Set<ValuePath>> values = new LinkedHashMap<>();
  private final Map<FieldSite, Map<Integer, Map<Integer, List<Carriage.MarkedLine>>>> lines =
      new LinkedHashMap<>();

  /** Reads the markers of one marked render. */
  void add(RenderedManifest marked, Map<Integer, Marker> markers) {
    Map<String, Integer> perSource = new HashMap<>();
    for (RenderedDocument document : marked.documents()) {
      String source = String.valueOf(document.source());
      int index = perSource.merge(source, 1, Integer::sum) - 1;
      JsonNode root;
      try {
        root = RenderedFields.read(document);
      } catch (IOException e) {
        continue; // the baseline parsed; what does not parse here carries nothing we can name
      }
      RenderedFields.texts(
          root,
          "",
          (pointer, text) -> {
            String decoded = RenderedFields.decodedSecretData(root, pointer, text);
            String scanned = decoded != null ? decoded : text;
            List<Marker.Hit> hits = Marker.find(scanned, markers);
            if (!hits.isEmpty()) {
              record(new FieldSite(document.source(), index, pointer), scanned, hits, markers);
            }
          });
    }
  }

  private void record(FieldSite field, String text, List<Marker.Hit> hits, Map<Integer, Marker> m) {
    String[] texts = text.split("\n", -1);
    Map<Integer, List<Carriage.MarkedLine>> byLine =
        lines
            .computeIfAbsent(field, f -> new LinkedHashMap<>())
            .computeIfAbsent(texts.length, c -> new HashMap<>());
    Set<ValuePath> all = values.computeIfAbsent(field, f -> new LinkedHashSet<>());
    Map<Integer, List<Carriage.Span>> spans = new LinkedHashMap<>();
    int lineStart = 0;
    int line = 0;
    for (Marker.Hit hit : hits) {
      while (line < texts.length - 1 && hit.start() > lineStart + texts[line].length()) {
        lineStart += texts[line].length() + 1;
        line++;
      }
      Marker marker = m.get(hit.id());
      ValuePath path = marker.leaf().path();
      all.add(path);
      // an appended marker follows the value: the span covers both, so that the value can be
      // put back or replaced by its edit
      String restored = marker.kind() == Marker.Kind.APPEND ? printed(marker) : marker.restored();
      int start = hit.start() - lineStart;
      if (marker.kind() == Marker.Kind.APPEND) {
        start -= restored.length();
      }
      if (start >= 0) {
        spans
            .computeIfAbsent(line, l -> new ArrayList<>())
            .add(new Carriage.Span(start, hit.end() - lineStart, path, restored));
      }
    }
    spans.forEach(
        (l, s) ->
            byLine
                .computeIfAbsent(l, x -> new ArrayList<>())
                .add(new Carriage.MarkedLine(texts[l], s)));
  }

  private static String printed(Marker marker) {
    String text = marker.leaf().printed();
    return text == null ? "" : text;
  }

  Map<FieldSite, Carriage> fields() {
    Map<FieldSite, Carriage> out = new LinkedHashMap<>();
    values.forEach((field, paths) -> out.put(field, new Carriage(paths, lines.get(field))));
    return out;
  }
}
