package dev.katafraktos.values;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which values a round of the {@link ProvenanceTracer trace} marks, and how it reads failures. */
final class TraceRounds {
  private TraceRounds() {}

  static boolean isGlobal(ValueLeaf leaf) {
    return leaf.path().keys().size() == 2 && leaf.path().keys().get(0).equals("global");
  }

  static List<String> parent(ValuePath path) {
    return path.keys().subList(0, path.keys().size() - 1);
  }

  static Object valueAt(Map<String, Object> values, ValuePath path) {
    Object node = values;
    for (String key : path.keys()) {
      node = OverridesFile.child(node, key);
    }
    return node;
  }

  /** Whether a value could be (part of) an image: its text occurs in one, or it is a template. */
  static boolean partOfAnImage(ValueLeaf leaf, Iterable<ImageOccurrence> images) {
    String text = leaf.printed();
    if (leaf.isEmpty() || text == null || leaf.value() instanceof Boolean) {
      return false;
    }
    if (text.contains("\n")) {
      return false; // images are one line; a multi-line value is a block of YAML or a script
    }
    if (leaf.value() instanceof String && text.contains("{{")) {
      return true;
    }
    for (ImageOccurrence occurrence : images) {
      String image = occurrence.image();
      boolean tag = image.endsWith(":" + text) || image.contains(":" + text + "@");
      if (tag || (text.length() >= 3 && leaf.value() instanceof String && image.contains(text))) {
        return true;
      }
    }
    return false;
  }

  // helm 3.17 (gojsonschema) "- a.b: Invalid type", helm 3.18+/4 "- at '/a/b': got string"
  static final Pattern SCHEMA_PATH = Pattern.compile("(?m)^- (?:at '(/[^']*)'|([^\\s:]+):)");

  /** The marked values a values.schema.json refused, as helm lists them. */
  static List<ValueLeaf> rejectedBySchema(RenderException e, List<ValueLeaf> group) {
    String details = e.details();
    if (details == null || !details.contains("values don't meet the specifications")) {
      return List.of();
    }
    Set<String> paths = new HashSet<>();
    Matcher m = SCHEMA_PATH.matcher(details);
    while (m.find()) {
      paths.add(m.group(1) != null ? m.group(1).substring(1).replace('/', '.') : m.group(2));
    }
    return group.stream().filter(l -> paths.contains(String.join(".", l.path().keys()))).toList();
  }

  /**
   * Empty values that showed up together in one image (their effects cannot be told apart), spread
   * over as few renders as possible so that no two of them share one (greedy colouring).
   */
  static List<List<ValueLeaf>> separateClashes(
      List<ValueLeaf> leaves, Map<ImageSite, Traces> traces) {
    Map<ValuePath, Set<ValuePath>> clashesWith = new LinkedHashMap<>();
    for (Traces t : traces.values()) {
      for (List<ValuePath> clash : t.clashingEmpties) {
        for (ValuePath a : clash) {
          for (ValuePath b : clash) {
            if (!a.equals(b)) {
              clashesWith.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            }
          }
        }
      }
    }
    Map<ValuePath, Integer> colour = new LinkedHashMap<>();
    List<List<ValueLeaf>> out = new ArrayList<>();
    for (ValueLeaf leaf : leaves) {
      Set<ValuePath> neighbours = clashesWith.get(leaf.path());
      if (neighbours == null) {
        continue;
      }
      int c = 0;
      while (true) {
        int candidate = c;
        if (neighbours.stream().noneMatch(n -> Integer.valueOf(candidate).equals(colour.get(n)))) {
          break;
        }
        c++;
      }
      colour.put(leaf.path(), c);
      while (out.size() <= c) {
        out.add(new ArrayList<>());
      }
      out.get(c).add(leaf);
    }
    return out;
  }
}
