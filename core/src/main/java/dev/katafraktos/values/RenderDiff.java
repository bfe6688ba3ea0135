package dev.katafraktos.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What differs between two renders of one chart besides the images that were meant to move. A
 * string that contains a moved image may contain its target instead (an argument, a config file); a
 * checksum may change with what it sums; everything else must be equal.
 */
public final class RenderDiff {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern HASH_IN_TEXT = Pattern.compile("\\b[0-9a-f]{40,64}\\b");

  private RenderDiff() {}

  /**
   * Every unexplained difference, as {@code source pointer: before -> after}.
   *
   * @param moves each moved image and its target
   * @param sites where the moved images stand: inside an image written as a map ({@code
   *     {repository, tag}}) any field may change, the image as a whole is checked apart
   */
  public static List<String> unexplained(
      RenderedManifest before,
      RenderedManifest after,
      Map<String, String> moves,
      Set<ImageSite> sites) {
    List<String> out = new ArrayList<>();
    List<RenderedDocument> a = before.documents();
    List<RenderedDocument> b = after.documents();
    if (a.size() != b.size()) {
      out.add("the chart renders " + b.size() + " documents instead of " + a.size());
      return out;
    }
    Map<String, Integer> perSource = new java.util.HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      String source = a.get(i).source();
      int index = perSource.merge(String.valueOf(source), 1, Integer::sum) - 1;
      Set<String> moved = new TreeSet<>();
      for (ImageSite site : sites) {
        if (String.valueOf(source).equals(String.valueOf(site.source()))
            && site.index() == index
            && !site.path().contains("#")) {
          moved.add(site.path());
        }
      }
      if (!String.valueOf(source).equals(String.valueOf(b.get(i).source()))) {
        out.add("document " + (i + 1) + " comes from " + b.get(i).source() + ", not " + source);
        continue;
      }
      try {
        compare(source, "", read(a.get(i)), read(b.get(i)), moves, moved, out);
      } catch (IOException e) {
        if (!a.get(i).content().equals(b.get(i).content())) {
          out.add(source + ": changed (" + e.getMessage() + ")");
        }
      }
    }
    return out;
  }

  /** Drops differences at places where two renders of the same values differ too (random data). */
  public static List<String> withoutVolatile(List<String> differences, List<String> volatile_) {
    Set<String> places = new TreeSet<>();
    volatile_.forEach(d -> places.add(place(d)));
    return differences.stream().filter(d -> !places.contains(place(d))).toList();
  }

  private static String place(String difference) {
    int colon = difference.indexOf(": ");
    return colon < 0 ? difference : difference.substring(0, colon);
  }

  private static JsonNode read(RenderedDocument document) throws IOException {
    JsonNode node = YAML.readTree(document.content());
    return node == null ? YAML.nullNode() : node;
  }

  private static void compare(
      String source,
      String pointer,
      JsonNode a,
      JsonNode b,
      Map<String, String> moves,
      Set<String> moved,
      List<String> out) {
    if (a.equals(b) || moved.contains(pointer)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        compare(
            source,
            pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
            a.path(name),
            b.path(name),
            moves,
            moved,
            out);
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      for (int i = 0; ia.hasNext(); i++) {
        compare(source, pointer + "/" + i, ia.next(), ib.next(), moves, moved, out);
      }
      return;
    }
    if (a.isTextual() && b.isTextual() && explained(pointer, a.asText(), b.asText(), moves)) {
      return;
    }
    if (a.isTextual() && b.isTextual()) {
      out.add(source + " " + pointer + ": " + firstDifference(a.asText(), b.asText()));
    } else {
      out.add(source + " " + pointer + ": " + brief(a) + " -> " + brief(b));
    }
  }

  private static boolean explained(String pointer, String a, String b, Map<String, String> moves) {
    String moved = a;
    for (Map.Entry<String, String> move : moves.entrySet()) {
      moved = moved.replace(move.getKey(), move.getValue());
    }
    if (moved.equals(b)) {
      return true;
    }
    if (pointer.contains("checksum") || pointer.contains("hash")) {
      return true;
    }
    // a hash inside the text (jenkins' agent id is the sha256 of its template, image included)
    return HASH_IN_TEXT
        .matcher(moved)
        .replaceAll("#")
        .equals(HASH_IN_TEXT.matcher(b).replaceAll("#"));
  }

  /** The first line that differs, which is what a person needs of a long config file. */
  private static String firstDifference(String a, String b) {
    List<String> la = a.lines().toList();
    List<String> lb = b.lines().toList();
    for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
      String x = i < la.size() ? la.get(i) : "(end)";
      String y = i < lb.size() ? lb.get(i) : "(end)";
      if (!x.equals(y)) {
        String where = la.size() > 1 || lb.size() > 1 ? "line " + (i + 1) + ": " : "";
        return where + quote(x) + " -> " + quote(y);
      }
    }
    return quote(a) + " -> " + quote(b);
  }

  private static String quote(String text) {
    String t = text.length() > 160 ? text.substring(0, 157) + "..." : text;
    return '"' + t + '"';
  }

  private static String brief(JsonNode node) {
    String text = node.isMissingNode() ? "(absent)" : node.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
