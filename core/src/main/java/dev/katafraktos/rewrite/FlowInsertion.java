package dev.katafraktos.rewrite;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Text for keys a flow mapping ({@code {repository: nginx}}) does not have yet, kept in flow. */
final class FlowInsertion {
  private FlowInsertion() {}

  /**
   * Appends {@code , key: value} before the closing brace. Only on one line: in a flow mapping over
   * several lines the right place and indentation for a new entry are a matter of taste.
   */
  static TextEdit into(ParsedValues yaml, MappingNode mapping, List<String> keys, String value)
      throws EditException {
    String body = yaml.body;
    int start = yaml.start(mapping);
    int end = yaml.end(mapping);
    if (end == 0 || body.charAt(end - 1) != '}') {
      throw new EditException(
          "Cannot find the closing } of the flow mapping at "
              + yaml.where(mapping)
              + "; add "
              + keys.get(0)
              + " by hand");
    }
    if (body.substring(start, end).indexOf('\n') >= 0) {
      throw new EditException(
          "Cannot add "
              + keys.get(0)
              + " to the flow mapping {...} at "
              + yaml.where(mapping)
              + ": it spans several lines; add it by hand or write the mapping as a block");
    }
    int at = end - 1;
    while (body.charAt(at - 1) == ' ' || body.charAt(at - 1) == '\t') {
      at--;
    }
    String entry = entry(keys, value);
    return switch (body.charAt(at - 1)) {
      case '{' -> new TextEdit(at, at, entry);
      case ',' -> new TextEdit(at, at, " " + entry + ","); // keep the trailing comma
      default -> new TextEdit(at, at, ", " + entry);
    };
  }

  /** New keys replacing an empty value inside a flow mapping: {@code {image: ~}}. */
  static TextEdit asValue(ParsedValues yaml, Node node, List<String> keys, String value)
      throws EditException {
    // an empty mapping here is {} inside a flow mapping: a block cannot go there
    if (node instanceof MappingNode mapping) {
      return into(yaml, mapping, keys, value);
    }
    int end = yaml.end(node);
    int start = Insertion.skipProperties(yaml.body, yaml.start(node), end);
    String text = "{" + entry(keys, value) + "}";
    return new TextEdit(start, end, (start == end ? " " : "") + text); // "{image:}" has no space
  }

  private static String entry(List<String> keys, String value) {
    String text = YamlScalars.plainInFlow(value);
    for (int i = keys.size() - 1; i >= 0; i--) {
      text = YamlScalars.plainInFlow(keys.get(i)) + ": " + text;
      if (i > 0) {
        text = "{" + text + "}"; // image: {sub: {registry: h}}
      }
    }
    return text;
  }
}
