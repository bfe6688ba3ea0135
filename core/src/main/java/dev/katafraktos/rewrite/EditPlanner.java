package dev.katafraktos.rewrite;

import dev.katafraktos.model.ValuePath;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the one text span that setting a path changes. Aliases: a value written as {@code *name} is
 * replaced by an explicit scalar at that place (the anchor and its other users keep their value,
 * and a warning says so); an anchored value that other places alias, or a path leading through an
 * alias, is refused because editing it would change those other places too.
 */
final class EditPlanner {
  /** {@code oldValue} is the text the edit replaces as YAML reads it, null when keys are added. */
  record Plan(Optional<TextEdit> edit, Optional<String> warning, String oldValue) {
    static final Plan NONE = new Plan(Optional.empty(), Optional.empty(), null);
  }

  private final ParsedValues yaml;
  private final ValuePath path;
  private final String value;

  EditPlanner(ParsedValues yaml, ValuePath path, String value) {
    this.yaml = yaml;
    this.path = path;
    this.value = value;
  }

  Plan plan() throws EditException {
    Node root = yaml.root;
    if (root == null || isEmptyScalar(root)) {
      return added(Insertion.atEnd(yaml, path.keys(), value));
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new EditException(
          "Cannot set "
              + path
              + ": "
              + yaml.label
              + " is not a mapping at the top level, as a values file must be");
    }
    List<String> keys = path.keys();
    for (int i = 0; ; i++) {
      boolean flow = mapping.getFlowStyle() == FlowStyle.FLOW;
      NodeTuple tuple = ParsedValues.find(mapping, keys.get(i));
      if (tuple == null) {
        List<String> missing = keys.subList(i, keys.size());
        return added(
            flow
                ? FlowInsertion.into(yaml, mapping, missing, value)
                : Insertion.intoMapping(yaml, mapping, missing, value));
      }
      ValuePath here = path.prefix(i + 1);
      Node node = tuple.getValueNode();
      if (i == keys.size() - 1) {
        return replace(tuple, here, flow);
      }
      if (yaml.isAlias(tuple)) {
        throw new EditException(
            aliasMessage(here, tuple) + " — replace the alias by its own mapping first");
      }
      refuseShared(node, here);
      int j = i + 1;
      boolean flowList = false;
      while (j < keys.size() && ValuePath.isIndex(keys.get(j))) {
        flowList |= node instanceof SequenceNode list && list.getFlowStyle() == FlowStyle.FLOW;
        node = element(node, path.prefix(j), ValuePath.indexOf(keys.get(j)));
        j++;
      }
      if (j > i + 1) {
        ValuePath element = path.prefix(j);
        if (j == keys.size()) {
          if (!(node instanceof ScalarNode scalar)) {
            throw new EditException(
                "Cannot set " + path + ": it is " + kind(node) + " at " + yaml.where(node));
          }
          return replaceScalar(scalar, element, flow || flowList);
        }
        if (!(node instanceof MappingNode child) || child.getValue().isEmpty()) {
          throw new EditException(
              "Cannot set "
                  + path
                  + ": "
                  + element
                  + " at "
                  + yaml.where(node)
                  + " is "
                  + kind(node)
                  + ", not a mapping with keys; edit it by hand");
        }
        mapping = child;
        i = j - 1;
        continue;
      }
      List<String> below = keys.subList(i + 1, keys.size());
      if (node instanceof MappingNode child && !child.getValue().isEmpty()) {
        mapping = child;
      } else if (!isEmptyScalar(node) && !(node instanceof MappingNode)) {
        throw new EditException(
            "Cannot set "
                + path
                + ": "
                + here
                + " at "
                + yaml.where(node)
                + " is "
                + kind(node)
                + ", not a mapping; edit it by hand");
      } else if (flow) {
        return added(FlowInsertion.asValue(yaml, node, below, value));
      } else {
        return added(Insertion.asValue(yaml, tuple, below, value)); // image: {} becomes a block
      }
    }
  }

  private Plan replace(NodeTuple tuple, ValuePath here, boolean flow) throws EditException {
    Node node = tuple.getValueNode();
    if (yaml.isAlias(tuple)) {
      TextEdit edit =
          aliasSpan(tuple, flow ? YamlScalars.plainInFlow(value) : YamlScalars.plain(value));
      String old = node instanceof ScalarNode scalar ? scalar.getValue() : aliasName(node);
      return new Plan(
          Optional.of(edit),
          Optional.of(
              aliasMessage(here, tuple)
                  + "; replaced the alias there by an explicit value, so &"
                  + node.getAnchor().orElseThrow().getValue()
                  + " and its other users keep their value"),
          old);
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw new EditException(
          "Cannot set "
              + path
              + ": it is "
              + kind(node)
              + " at "
              + yaml.where(node)
              + ", not a string; edit it by hand");
    }
    return replaceScalar(scalar, here, flow);
  }

  /** The element {@code index} of the list {@code node} at {@code here}. */
  private Node element(Node node, ValuePath here, int index) throws EditException {
    if (!(node instanceof SequenceNode list) || index >= list.getValue().size()) {
      throw new EditException(
          "Cannot set "
              + path
              + ": "
              + here
              + " at "
              + yaml.where(node)
              + " is "
              + kind(node)
              + (node instanceof SequenceNode ? " without element " + index : "")
              + "; edit it by hand");
    }
    Node item = list.getValue().get(index);
    if (yaml.isAliasItem(list, index)) {
      throw new EditException(
          "Cannot set "
              + path
              + ": element "
              + index
              + " of "
              + here
              + " at "
              + yaml.where(list)
              + " is an alias; replace it by its own value first");
    }
    refuseShared(item, here);
    return item;
  }

  private Plan replaceScalar(ScalarNode scalar, ValuePath here, boolean flow) throws EditException {
    Node node = scalar;
    refuseShared(node, here);
    ScalarStyle style = scalar.getScalarStyle();
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      throw new EditException(
          "Cannot set "
              + path
              + ": it is a block scalar (| or >) at "
              + yaml.where(node)
              + "; edit it by hand");
    }
    boolean plainUnsafe =
        style == ScalarStyle.PLAIN
            && (flow ? YamlScalars.needsQuotesInFlow(value) : YamlScalars.needsQuotes(value));
    // a plain empty scalar is null, not "": plainUnsafe holds then, so "" gets written quoted
    if (scalar.getValue().equals(value) && !plainUnsafe) {
      return Plan.NONE;
    }
    String text =
        switch (style) {
          case SINGLE_QUOTED -> YamlScalars.singleQuoted(value);
          case DOUBLE_QUOTED -> YamlScalars.doubleQuoted(value);
          default -> flow ? YamlScalars.plainInFlow(value) : YamlScalars.plain(value);
        };
    int start = Insertion.skipProperties(yaml.body, yaml.start(node), yaml.end(node));
    int end = yaml.end(node);
    if (start == end && !text.isEmpty()) {
      text = " " + text; // "tag:" with no value
    }
    return new Plan(
        Optional.of(new TextEdit(start, end, text)), Optional.empty(), scalar.getValue());
  }

  private void refuseShared(Node node, ValuePath here) throws EditException {
    if (node.getAnchor().isEmpty()) {
      return;
    }
    String anchor = node.getAnchor().get().getValue();
    List<Integer> uses = yaml.aliasUses(anchor);
    if (!uses.isEmpty()) {
      throw new EditException(
          here
              + " at "
              + yaml.where(node)
              + " defines the anchor &"
              + anchor
              + ", which *"
              + anchor
              + " uses at line(s) "
              + uses
              + "; changing "
              + path
              + " there would change every user of &"
              + anchor
              + " — set it explicitly where you mean it, or remove the anchor");
    }
  }

  private String aliasMessage(ValuePath here, NodeTuple tuple) {
    Node node = tuple.getValueNode();
    return here
        + " at "
        + yaml.where(tuple.getKeyNode())
        + " is the alias "
        + aliasName(node)
        + " (defined at line "
        + yaml.line(node)
        + ")";
  }

  /** The text {@code *name} after the key's colon. */
  private TextEdit aliasSpan(NodeTuple tuple, String replacement) throws EditException {
    String name = aliasName(tuple.getValueNode());
    int at = yaml.body.indexOf(name, yaml.end(tuple.getKeyNode()));
    if (at < 0) {
      throw new EditException("Cannot find " + name + " after " + yaml.where(tuple.getKeyNode()));
    }
    return new TextEdit(at, at + name.length(), replacement);
  }

  private static String aliasName(Node anchored) {
    return "*" + anchored.getAnchor().orElseThrow().getValue();
  }

  static boolean isEmptyScalar(Node node) {
    return node instanceof ScalarNode scalar
        && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && YamlScalars.plainType(scalar.getValue()).filter("null"::equals).isPresent();
  }

  private static String kind(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return node instanceof MappingNode
        ? "a mapping"
        : "the scalar " + YamlScalars.shown(((ScalarNode) node).getValue());
  }

  private static Plan added(TextEdit edit) {
    return new Plan(Optional.of(edit), Optional.empty(), null);
  }
}
