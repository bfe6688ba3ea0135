package dev.katafraktos.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.values.RenderDiff.CarriedChange;
import dev.katafraktos.values.RenderDiff.Expected;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** One document of two renders compared field by field, by the rules of {@link RenderDiff}. */
final class DocumentDiff {
  private static final Pattern HASH_IN_TEXT = Pattern.compile("\\b[0-9a-f]{40,64}\\b");

  private final String source;
  private final int index;
  private final JsonNode root;
  private final Expected expected;
  private final List<String> out;
  private final List<CarriedChange> carried;
  // the moved images' sites in this document: pointer -> image before
  private final Map<String, String> moved = new HashMap<>();
  // images the extractor found in lines of a field: field pointer -> images before
  private final Map<String, Set<String>> movedInLines = new HashMap<>();

  DocumentDiff(
      String source,
      int index,
      JsonNode root,
      Expected expected,
      List<String> out,
      List<CarriedChange> carried) {
    this.source = source;
    this.index = index;
    this.root = root;
    this.expected = expected;
    this.out = out;
    this.carried = carried;
    expected
        .sites()
        .forEach(
            (site, image) -> {
              if (String.valueOf(source).equals(String.valueOf(site.source()))
                  && site.index() == index) {
                if (!site.path().contains("#")) {
                  moved.put(site.path(), image);
                } else {
                  // a line of a list-valued env or data value (STRIMZI_KAFKA_IMAGES' version=image)
                  String field = site.path().substring(0, site.path().indexOf('#'));
                  movedInLines.computeIfAbsent(field, k -> new HashSet<>()).add(image);
                }
              }
            });
  }

  void compare(String pointer, JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return;
    }
    if (moved.containsKey(pointer) && !RenderedFields.isContainerValue(pointer)) {
      // an image field (a string or a {repository, tag} map): the image as a whole is checked
      // apart, against its target
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        compare(RenderedFields.child(pointer, name), a.path(name), b.path(name));
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        compare(pointer + "/" + i, a.get(i), b.get(i));
      }
      return;
    }
    if (a.isTextual() && b.isTextual()) {
      text(pointer, a.asText(), b.asText());
    } else if (isScalar(a)
        && isScalar(b)
        && !RenderedFields.isContainerValue(pointer)
        && carriesEdited(pointer) != null) {
      carried(pointer, carriesEdited(pointer));
    } else {
      out.add(source + " " + pointer + ": " + brief(a) + " -> " + brief(b));
    }
  }

  private void text(String pointer, String a, String b) {
    if (RenderedFields.isContainerValue(pointer)) {
      // what a program is told: only images of the plan found in this very field may change
      Map<String, String> here = new HashMap<>();
      Set<String> found = new HashSet<>(movedInLines.getOrDefault(pointer, Set.of()));
      if (moved.get(pointer) != null) {
        found.add(moved.get(pointer));
      }
      for (String image : found) {
        if (expected.moves().containsKey(image)) {
          here.put(image, expected.moves().get(image));
        }
      }
      String replaced =
          References.replace(a, here, (start, ref) -> vouched(pointer, a, start, ref));
      if (replaced.equals(b) || sameButHashes(replaced, b)) {
        return;
      }
      out.add(source + " " + pointer + ": " + firstDifference(a, b));
      return;
    }
    String decodedA = RenderedFields.decodedSecretData(root, pointer, a);
    String decodedB = decodedA == null ? null : RenderedFields.decodedSecretData(root, pointer, b);
    String x = decodedB == null ? a : decodedA;
    String y = decodedB == null ? b : decodedB;
    String replaced = References.replace(x, expected.moves(), (start, ref) -> true);
    if (replaced.equals(y)
        || pointer.contains("checksum")
        || pointer.contains("hash")
        || sameButHashes(replaced, y)) {
      return;
    }
    Carriage carriage = carriesEdited(pointer);
    if (carriage == null) {
      out.add(source + " " + pointer + ": " + firstDifference(x, y));
      return;
    }
    String[] la = replaced.split("\n", -1);
    String[] lb = y.split("\n", -1);
    if (la.length != lb.length) {
      out.add(
          source
              + " "
              + pointer
              + ": carries edited values but has "
              + lb.length
              + " lines instead of "
              + la.length);
      return;
    }
    String[] original = x.split("\n", -1);
    Set<ValuePath> seen = new LinkedHashSet<>();
    for (int i = 0; i < la.length; i++) {
      if (la[i].equals(lb[i])) {
        continue;
      }
      Set<ValuePath> onLine = carriage.editedOnLine(la.length, i, expected.edited());
      String wrong =
          onLine == null || onLine.isEmpty()
              ? " changed but carries no edited value"
                  + (onLine == null ? " (the trace saw other lines)" : "")
              : mispredicted(carriage.markedLines(la.length, i), original[i], lb[i]);
      if (wrong != null) {
        out.add(
            source
                + " "
                + pointer
                + ": line "
                + (i + 1)
                + wrong
                + ": "
                + quote(original[i])
                + " -> "
                + quote(lb[i]));
        return;
      }
      seen.addAll(onLine);
    }
    carried(pointer, new Carriage(seen.isEmpty() ? carriage.values() : seen, Map.of()));
  }

  /**
   * Why a line that carries edited values is not what the edits make of it, or null. Where one
   * marked render saw the edited values on the line and puts the line back together as it was, the
   * line with the edits at the marked places must be the line rendered; elsewhere (values marked in
   * several renders, a value printed otherwise than as written: quoted, transformed) the trace
   * vouches only for the line as a whole.
   */
  private String mispredicted(List<Carriage.MarkedLine> marked, String before, String after) {
    List<Carriage.MarkedLine> editing =
        marked.stream()
            .filter(m -> m.spans().stream().anyMatch(s -> expected.edits().containsKey(s.path())))
            .toList();
    if (editing.size() != 1) {
      return null;
    }
    Carriage.MarkedLine line = editing.get(0);
    String restored = line.with(Map.of());
    String predicted = line.with(expected.edits());
    if (restored == null || !restored.equals(before) || predicted == null) {
      return null;
    }
    return predicted.equals(after) ? null : " is not the edited values' text at their places";
  }

  /** The carriage of a scalar the trace saw an edited value in, or null. */
  private Carriage carriesEdited(String pointer) {
    Carriage c = expected.carried().get(new FieldSite(source, index, pointer));
    return c != null && c.carriesAny(expected.edited()) ? c : null;
  }

  private void carried(String pointer, Carriage carriage) {
    List<ValuePath> values =
        carriage.sorted().stream().filter(expected.edited()::contains).toList();
    carried.add(
        new CarriedChange(
            new FieldSite(source, index, pointer),
            root.path("kind").asText(""),
            root.path("metadata").path("name").asText(""),
            values));
  }

  /**
   * Whether a reference in an argument or environment value is one a person would call an image
   * there: a path or a digest in it, a flag or variable that names an image, or a pod container of
   * the render that runs that very reference. A bare {@code name:tag} after {@code --log-level=} is
   * not, whatever the extractor made of it.
   */
  private boolean vouched(String pointer, String text, int start, String ref) {
    if (ref.indexOf('/') >= 0 || ref.indexOf('@') >= 0) {
      return true;
    }
    if (expected.sites().entrySet().stream()
        .anyMatch(
            e -> e.getValue().equals(ref) && POD_IMAGE.matcher(e.getKey().path()).matches())) {
      return true;
    }
    if (start > 0) {
      return names(text.substring(0, start));
    }
    int slash = pointer.lastIndexOf('/');
    String last = pointer.substring(slash + 1);
    if (last.equals("value")) {
      return names(root.at(pointer.substring(0, slash) + "/name").asText(""));
    }
    int i = Integer.parseInt(last);
    return i > 0 && names(root.at(pointer.substring(0, slash) + "/" + (i - 1)).asText(""));
  }

  private static final Pattern POD_IMAGE =
      Pattern.compile(".*/(containers|initContainers|ephemeralContainers)/\\d+/image");

  private static boolean names(String word) {
    return word.toLowerCase(Locale.ROOT).contains("image");
  }

  private static boolean isScalar(JsonNode node) {
    return node.isValueNode() || node.isMissingNode() || node.isNull();
  }

  // a hash inside the text (jenkins' agent id is the sha256 of its template, image included)
  private static boolean sameButHashes(String a, String b) {
    return HASH_IN_TEXT.matcher(a).replaceAll("#").equals(HASH_IN_TEXT.matcher(b).replaceAll("#"));
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
