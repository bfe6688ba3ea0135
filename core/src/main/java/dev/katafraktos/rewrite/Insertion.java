package dev.katafraktos.rewrite;

import java.util.List;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Text for keys a values file does not have yet, in the file's own indentation and newlines. */
final class Insertion {
  private Insertion() {}

  /** A document without content: the keys go at the end, from column 0. */
  static TextEdit atEnd(ParsedValues yaml, List<String> keys, String value) {
    String body = yaml.body;
    int at = body.length();
    if (yaml.root != null) { // "---" with an empty value: drop the empty node's trailing blanks
      at = yaml.end(yaml.root);
    }
    String block = block(keys, value, 0, yaml.indentUnit(), yaml.newline);
    String before = body.substring(0, at);
    if (before.isEmpty() || before.endsWith("\n")) {
      boolean finalNewline = at == body.length() && (body.isEmpty() || body.endsWith("\n"));
      return new TextEdit(at, at, block + (finalNewline || at < body.length() ? yaml.newline : ""));
    }
    return new TextEdit(at, at, yaml.newline + block);
  }

  /** New keys as the last children of a block mapping. */
  static TextEdit intoMapping(
      ParsedValues yaml, MappingNode mapping, List<String> keys, String value)
      throws EditException {
    int column = yaml.column(mapping.getValue().get(0).getKeyNode());
    String block = block(keys, value, column, yaml.indentUnit(), yaml.newline);
    int end = lastEnd(yaml, mapping);
    int lineEnd = yaml.body.indexOf('\n', end);
    if (end > 0 && yaml.body.charAt(end - 1) == '\n') {
      return new TextEdit(end, end, block + yaml.newline); // a block scalar ends after its newline
    }
    if (lineEnd < 0) { // last line without a final newline: keep it that way
      return new TextEdit(yaml.body.length(), yaml.body.length(), yaml.newline + block);
    }
    return new TextEdit(lineEnd + 1, lineEnd + 1, block + yaml.newline);
  }

  /** New keys replacing an empty value ({@code image:}, {@code image: ~}, {@code image: {}}). */
  static TextEdit asValue(ParsedValues yaml, NodeTuple tuple, List<String> keys, String value) {
    Node node = tuple.getValueNode();
    int column = yaml.column(tuple.getKeyNode()) + yaml.indentUnit();
    int end = yaml.end(node);
    int start = skipProperties(yaml.body, yaml.start(node), end);
    while (start > 0
        && (yaml.body.charAt(start - 1) == ' ' || yaml.body.charAt(start - 1) == '\t')) {
      start--;
    }
    if (node.getAnchor().isPresent() || node.getTag().getValue().startsWith("!")) {
      start = skipProperties(yaml.body, yaml.start(node), end); // keep "&x " in front of the block
    }
    return new TextEdit(
        start, end, yaml.newline + block(keys, value, column, yaml.indentUnit(), yaml.newline));
  }

  /** Skips an anchor ({@code &x}) and a tag ({@code !!str}) in front of a node's content. */
  static int skipProperties(String body, int start, int end) {
    int at = start;
    while (at < end && (body.charAt(at) == '&' || body.charAt(at) == '!')) {
      while (at < end && !Character.isWhitespace(body.charAt(at))) {
        at++;
      }
      while (at < end && Character.isWhitespace(body.charAt(at))) {
        at++;
      }
    }
    return at;
  }

  private static String block(List<String> keys, String value, int column, int unit, String nl) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(nl);
      }
      out.append(" ".repeat(column + i * unit)).append(YamlScalars.plain(keys.get(i))).append(':');
    }
    return out.append(' ').append(YamlScalars.plain(value)).toString();
  }

  /** Where the last content of a block collection ends; its end mark points past what follows. */
  private static int lastEnd(ParsedValues yaml, Node node) throws EditException {
    if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK) {
      NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
      if (yaml.isAlias(last)) {
        String name = "*" + last.getValueNode().getAnchor().orElseThrow().getValue();
        return yaml.body.indexOf(name, yaml.end(last.getKeyNode())) + name.length();
      }
      return lastEnd(yaml, last.getValueNode());
    }
    if (node instanceof SequenceNode sequence
        && sequence.getFlowStyle() == FlowStyle.BLOCK
        && !sequence.getValue().isEmpty()) {
      int lastIndex = sequence.getValue().size() - 1;
      Node last = sequence.getValue().get(lastIndex);
      if (yaml.isAliasItem(sequence, lastIndex)) {
        // "- *name": the alias ends the list; the anchored node stands elsewhere
        String name = "*" + last.getAnchor().orElseThrow().getValue();
        int from =
            lastIndex == 0
                ? yaml.start(sequence)
                : lastEnd(yaml, sequence.getValue().get(lastIndex - 1));
        int at = yaml.body.indexOf(name, from);
        if (at < 0) {
          throw new EditException(
              "Cannot find where the mapping ending at "
                  + yaml.where(sequence)
                  + " ends (its last item is an alias); add the key by hand");
        }
        return at + name.length();
      }
      return lastEnd(yaml, last);
    }
    if (node instanceof ScalarNode || node.getEndMark().isPresent()) {
      return yaml.end(node);
    }
    throw new EditException("Cannot find where " + yaml.where(node) + " ends; add the key by hand");
  }
}
