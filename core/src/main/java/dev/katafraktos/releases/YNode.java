package dev.katafraktos.releases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A node of a parsed file, read leniently: a missing key, a wrong type or a YAML null give the
 * empty node (or {@code null} text), never an exception, so one odd manifest cannot stop a walk.
 */
final class YNode {
  private static final YNode MISSING = new YNode(null, null);

  private final Node node;
  private final YamlFile file;

  YNode(Node node, YamlFile file) {
    this.node = node;
    this.file = file;
  }

  /** The node of a missing key. */
  static YNode missing() {
    return MISSING;
  }

  /** The value of {@code key} in a mapping (the last one when a key repeats, as go-yaml's maps). */
  YNode get(String key) {
    YNode found = MISSING;
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          found = new YNode(t.getValueNode(), file);
        }
      }
    }
    return found;
  }

  /** {@code get(keys[0]).get(keys[1])...} */
  YNode at(String... keys) {
    YNode n = this;
    for (String key : keys) {
      n = n.get(key);
    }
    return n;
  }

  /** Whether there is a value: not missing and not YAML's null. */
  boolean present() {
    return node != null && !(node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isScalar() {
    return present() && node instanceof ScalarNode;
  }

  /** A scalar's text, or {@code null} (missing, null, a mapping or a sequence). */
  String text() {
    return isScalar() ? ((ScalarNode) node).getValue() : null;
  }

  /** A scalar's text trimmed, or {@code null} when that is empty too. */
  String name() {
    String t = text();
    return t == null || t.isBlank() ? null : t.trim();
  }

  /** Whether the scalar is {@code true} (YAML 1.1 spellings too, as Kubernetes reads them). */
  boolean isTrue() {
    String t = name();
    return t != null && List.of("true", "yes", "on").contains(t.toLowerCase(Locale.ROOT));
  }

  /** A sequence's items; empty for anything else. */
  List<YNode> items() {
    List<YNode> items = new ArrayList<>();
    if (node instanceof SequenceNode s) {
      s.getValue().forEach(n -> items.add(new YNode(n, file)));
    }
    return items;
  }

  /** A mapping's entries by scalar key, in order; empty for anything else. */
  Map<String, YNode> entries() {
    Map<String, YNode> entries = new LinkedHashMap<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          entries.put(k.getValue(), new YNode(t.getValueNode(), file));
        }
      }
    }
    return entries;
  }

  /** A mapping's key nodes by their text, in order: where to point at a bad key. */
  Map<String, YNode> keys() {
    Map<String, YNode> keys = new LinkedHashMap<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          keys.put(k.getValue(), new YNode(k, file));
        }
      }
    }
    return keys;
  }

  /** {@code line:column}, 1-based, or an empty string for a missing node. */
  String position() {
    return node == null
        ? ""
        : node.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
  }

  /**
   * The node's own text from the file, re-indented to start at column 0 and ending with a newline:
   * what the user wrote (comments, quoting, key order), so helm reads it with its own YAML rules
   * instead of ours. Empty for a missing node.
   */
  String source() {
    if (node == null || node.getStartMark().isEmpty()) {
      return "";
    }
    String text = file.text();
    int start = file.offset(node.getStartMark().get());
    int end = file.offset(end(node));
    if (end <= start) {
      // the last value is an alias: its marks are the anchor's, earlier in the file
      end = file.offset(node.getEndMark().orElseThrow());
    }
    int column = node.getStartMark().get().getColumn();
    StringBuilder out = new StringBuilder();
    String[] lines = text.substring(start, end).split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        int cut = 0;
        while (cut < column && cut < line.length() && line.charAt(cut) == ' ') {
          cut++;
        }
        line = line.substring(cut);
      }
      out.append(line).append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  /** Whether the node's text contains {@code needle}. */
  boolean contains(String needle) {
    return source().contains(needle);
  }

  /**
   * Where the node's text ends. A block collection's own end mark lies at the next token, past
   * trailing comments and the next key's indentation, so take the end of its last value instead.
   */
  private static org.snakeyaml.engine.v2.exceptions.Mark end(Node node) {
    if (node instanceof MappingNode m
        && m.getFlowStyle() == FlowStyle.BLOCK
        && !m.getValue().isEmpty()) {
      return end(m.getValue().get(m.getValue().size() - 1).getValueNode());
    }
    if (node instanceof SequenceNode s
        && s.getFlowStyle() == FlowStyle.BLOCK
        && !s.getValue().isEmpty()) {
      return end(s.getValue().get(s.getValue().size() - 1));
    }
    return node.getEndMark().orElseThrow();
  }
}
