package dev.katafraktos.rewrite;

import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** One parse of a values file body (without BOM): the node tree plus where aliases are used. */
final class ParsedValues {
  final String label;
  final String body;
  final Node root; // null for a document without content
  final String newline;
  private final Map<String, List<Integer>> aliasLines = new HashMap<>();
  private final boolean simpleChars;

  private ParsedValues(String label, String body, Node root) {
    this.label = label;
    this.body = body;
    this.root = root;
    this.newline = body.contains("\r\n") ? "\r\n" : "\n";
    this.simpleChars = body.length() == body.codePointCount(0, body.length());
  }

  static ParsedValues parse(String label, String body) throws ValuesSyntaxException {
    LoadSettings settings = BoundedYaml.settings(label);
    try {
      Node root = BoundedYaml.compose(settings, body).orElse(null);
      ParsedValues parsed = new ParsedValues(label, body, root);
      for (Event event : BoundedYaml.events(settings, body)) {
        if (event instanceof AliasEvent alias) {
          parsed
              .aliasLines
              .computeIfAbsent(alias.getAlias().getValue(), k -> new ArrayList<>())
              .add(alias.getStartMark().map(m -> m.getLine() + 1).orElse(0));
        }
      }
      return parsed;
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String where =
          mark == null ? label : label + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      if (problem.equals("but found another document")) {
        // a values file is one document; which one Helm would read is not for us to guess
        problem = "a second YAML document starts here; a values file holds one, edit it by hand";
      }
      throw new ValuesSyntaxException(where + ": " + problem + "; file left unchanged", e);
    } catch (YamlEngineException e) {
      throw new ValuesSyntaxException(label + ": " + e.getMessage() + "; file left unchanged", e);
    }
  }

  /** The entry for {@code key}; a later duplicate wins, as in go-yaml's maps. */
  static NodeTuple find(MappingNode mapping, String key) {
    NodeTuple found = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        found = tuple;
      }
    }
    return found;
  }

  /**
   * The entry a path names, through block and flow mappings and lists alike; a path ending in a
   * list element has no entry of its own (the entry of the list is returned).
   */
  Optional<NodeTuple> lookup(ValuePath path) {
    Node node = root;
    NodeTuple tuple = null;
    for (String key : path.keys()) {
      if (ValuePath.isIndex(key)) {
        if (!(node instanceof SequenceNode list)
            || ValuePath.indexOf(key) >= list.getValue().size()) {
          return Optional.empty();
        }
        node = list.getValue().get(ValuePath.indexOf(key));
        continue;
      }
      if (!(node instanceof MappingNode mapping) || (tuple = find(mapping, key)) == null) {
        return Optional.empty();
      }
      node = tuple.getValueNode();
    }
    return Optional.ofNullable(tuple);
  }

  /** Lines (1-based) where {@code *anchor} is used. */
  List<Integer> aliasUses(String anchor) {
    return aliasLines.getOrDefault(anchor, List.of());
  }

  int start(Node node) {
    return offset(node.getStartMark().orElseThrow());
  }

  int end(Node node) {
    return offset(node.getEndMark().orElseThrow());
  }

  int line(Node node) {
    return node.getStartMark().orElseThrow().getLine() + 1;
  }

  int column(Node node) {
    return node.getStartMark().orElseThrow().getColumn();
  }

  String where(Node node) {
    return label + ":" + line(node);
  }

  /** Marks count code points; Java strings count UTF-16 chars. */
  private int offset(Mark mark) {
    return simpleChars ? mark.getIndex() : body.offsetByCodePoints(0, mark.getIndex());
  }

  /** A value written as {@code *name} is the anchored node itself, which starts before its key. */
  boolean isAlias(NodeTuple tuple) {
    return start(tuple.getValueNode()) < end(tuple.getKeyNode());
  }

  /**
   * Whether element {@code i} of a list is written as {@code *name}: the anchored node then starts
   * before the element's place, i.e. before the end of the element ahead of it (or of the list's
   * start). Comparing with the list's start alone misses an anchor defined inside the same list.
   */
  boolean isAliasItem(SequenceNode list, int i) {
    Node item = list.getValue().get(i);
    if (item.getAnchor().isEmpty()) {
      return false;
    }
    int place = i == 0 ? start(list) : end(list.getValue().get(i - 1));
    return start(item) < place;
  }

  /** The file's indentation step, from the first nested block mapping; 2 when there is none. */
  int indentUnit() {
    return root instanceof MappingNode mapping ? indentUnit(mapping, 0) : 2;
  }

  private int indentUnit(MappingNode mapping, int depth) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getValueNode() instanceof MappingNode child
          && child.getFlowStyle() == FlowStyle.BLOCK // {a: 1} says nothing about indentation
          && !child.getValue().isEmpty()
          && depth < 20
          && !isAlias(tuple)) {
        int step = column(child.getValue().get(0).getKeyNode()) - column(tuple.getKeyNode());
        if (step > 0) {
          return step;
        }
        int nested = indentUnit(child, depth + 1);
        if (nested > 0) {
          return nested;
        }
      }
    }
    return depth == 0 ? 2 : 0;
  }
}
