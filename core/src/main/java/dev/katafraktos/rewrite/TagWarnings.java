package dev.katafraktos.rewrite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Unquoted image tags that YAML reads as something other than a string: {@code tag: 1.10} is 1.1.
 */
final class TagWarnings {
  private TagWarnings() {}

  static List<String> find(ParsedValues yaml) {
    List<String> warnings = new ArrayList<>();
    visit(yaml, yaml.root, "", warnings, Collections.newSetFromMap(new IdentityHashMap<>()));
    return warnings;
  }

  private static void visit(
      ParsedValues yaml, Node node, String path, List<String> out, Set<Node> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        visit(yaml, sequence.getValue().get(i), path + "[" + i + "]", out, seen);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String child =
              path.isEmpty() ? escape(key.getValue()) : path + "." + escape(key.getValue());
          check(yaml, key.getValue(), child, tuple.getValueNode(), out);
          visit(yaml, tuple.getValueNode(), child, out, seen);
        }
      }
    }
  }

  private static void check(
      ParsedValues yaml, String key, String path, Node value, List<String> out) {
    if (!key.toLowerCase(Locale.ROOT).endsWith("tag")
        || !(value instanceof ScalarNode scalar)
        || scalar.getScalarStyle() != ScalarStyle.PLAIN
        || scalar.getValue().isEmpty()) {
      return;
    }
    String text = scalar.getValue();
    YamlScalars.plainType(text)
        .ifPresent(
            type ->
                out.add(
                    yaml.where(value)
                        + ": "
                        + path
                        + " is "
                        + text
                        + " without quotes, so YAML reads it as a "
                        + type
                        + readAs(text)
                        + ", not the tag \""
                        + text
                        + "\"; quote it"));
  }

  private static String readAs(String text) {
    try {
      String number = new BigDecimal(text).stripTrailingZeros().toPlainString();
      return number.equals(text) ? "" : " (" + number + ")";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static String escape(String key) {
    return key.replace(".", "\\.");
  }
}
