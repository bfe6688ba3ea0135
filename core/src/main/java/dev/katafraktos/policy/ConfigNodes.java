package dev.katafraktos.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads typed values out of a composed YAML tree, naming file:line:column in every error. */
final class ConfigNodes {
  private final String file;

  ConfigNodes(String file) {
    this.file = file;
  }

  /** {@code file:line:column} of a node, 1-based. */
  String at(Node node) {
    return node.getStartMark()
        .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
        .orElse(file);
  }

  ConfigException error(Node node, String message) {
    return new ConfigException(at(node) + ": " + message);
  }

  /** A mapping's entries by key, in order; keys must be plain scalars and unique. */
  Map<String, NodeTuple> mapping(Node node, String what) throws ConfigException {
    if (isEmpty(node)) {
      return Map.of(); // a section whose entries are all commented out
    }
    if (!(node instanceof MappingNode m)) {
      throw error(node, what + " must be a mapping");
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), "a key of " + what);
      if (entries.put(key, t) != null) {
        throw error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
      }
    }
    return entries;
  }

  /** Rejects every key not in {@code known}. */
  void onlyKeys(Map<String, NodeTuple> entries, Set<String> known, String what)
      throws ConfigException {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw error(
            e.getValue().getKeyNode(),
            "unknown key '"
                + e.getKey()
                + "' in "
                + what
                + "; expected one of "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  // `key:` with nothing after it: YAML's null
  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && s.getValue().isEmpty() && s.isPlain();
  }

  String scalar(Node node, String what) throws ConfigException {
    if (!(node instanceof ScalarNode s)) {
      throw error(node, what + " must be a single value");
    }
    if (s.getValue().isBlank()) {
      throw error(node, what + " must not be empty");
    }
    return s.getValue().trim();
  }

  /** A sequence of scalars; a single scalar counts as a list of one. */
  List<String> strings(Node node, String what) throws ConfigException {
    List<String> values = new ArrayList<>();
    if (isEmpty(node)) {
      return values;
    }
    if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        values.add(scalar(item, "an element of " + what));
      }
    } else {
      values.add(scalar(node, what));
    }
    return values;
  }
}
