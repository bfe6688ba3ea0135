package dev.katafraktos.extract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.limits.InputLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into {@link Node} trees: the one class of this package that talks to Jackson.
 *
 * <p>Thread-safe: the factory is immutable once built, every call gets its own parser.
 */
final class YamlReader {

  // rendered output is the chart author's: depth, sizes and aliases are capped (InputLimits)
  private static final YAMLFactory FACTORY = BoundedYaml.yamlFactoryBuilder().build();

  private YamlReader() {}

  /** Every document in {@code text}, in order; an empty document is a null scalar. */
  static List<Node> readAll(String text) throws YamlSyntaxException {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      List<Node> documents = new ArrayList<>();
      Anchors anchors = new Anchors();
      JsonToken token;
      try {
        while ((token = parser.nextToken()) != null) {
          documents.add(read(parser, token, anchors));
        }
      } catch (StreamConstraintsException e) {
        // a limit of StreamReadConstraints carries no location; the parser knows where it is
        JsonLocation at = parser.currentLocation();
        throw new YamlSyntaxException(
            at.getLineNr(), at.getColumnNr(), e.getOriginalMessage().split(" \\(from")[0]);
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      // a String source does no I/O
      throw new UncheckedIOException(e);
    }
  }

  private static Node read(YAMLParser parser, JsonToken token, Anchors anchors)
      throws IOException, YamlSyntaxException {
    // Jackson hands an alias over as a string holding the anchor's name; resolve it ourselves.
    // Jackson reports anchors of mappings and sequences only, so an alias of a scalar stays null.
    if (parser.isCurrentAlias()) {
      return anchors.alias(parser);
    }
    anchors.count++;
    long before = anchors.count;
    String anchor = parser.getObjectId();
    Node node;
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          entries.put(key, read(parser, parser.nextToken(), anchors));
        }
        node = new Node.Mapping(entries);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(parser, next, anchors));
        }
        node = new Node.Sequence(items);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> node = scalar(parser, Node.Scalar.Type.NUMBER);
      case VALUE_TRUE -> node = scalar(parser, Node.Scalar.Type.TRUE);
      case VALUE_FALSE -> node = scalar(parser, Node.Scalar.Type.FALSE);
      case VALUE_NULL -> node = scalar(parser, Node.Scalar.Type.NULL);
      default -> node = scalar(parser, Node.Scalar.Type.STRING);
    }
    if (anchor != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
      anchors.nodes.put(anchor, node);
      anchors.sizes.put(anchor, anchors.count - before + 1);
    }
    return node;
  }

  /**
   * The anchors of one stream, and how much their aliases expand to. An alias shares the anchored
   * node, so memory stays flat, but every walk of the tree visits each copy: an alias bomb is
   * refused before the walks (Jackson does not use SnakeYAML's composer, whose alias count would).
   */
  private static final class Anchors {
    final Map<String, Node> nodes = new HashMap<>();
    final Map<String, Long> sizes = new HashMap<>();
    long count;
    long added;
    int aliases;

    Node alias(YAMLParser parser) throws YamlSyntaxException {
      String name;
      try {
        name = parser.getText();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a String source does no I/O
      }
      Node node = nodes.get(name);
      if (node == null) {
        return new Node.Scalar("", Node.Scalar.Type.NULL);
      }
      long size = sizes.getOrDefault(name, 1L);
      count += size;
      added += size;
      if (++aliases > InputLimits.YAML_COLLECTION_ALIASES) {
        throw limit(
            parser,
            "more than "
                + InputLimits.YAML_COLLECTION_ALIASES
                + " aliases of mappings or sequences; refused");
      }
      if (added > InputLimits.YAML_ALIAS_EXPANSION) {
        throw limit(
            parser,
            "aliases expand to more than "
                + InputLimits.YAML_ALIAS_EXPANSION
                + " nodes (an alias bomb); refused");
      }
      return node;
    }

    private static YamlSyntaxException limit(YAMLParser parser, String problem) {
      JsonLocation at = parser.currentTokenLocation();
      return new YamlSyntaxException(at.getLineNr(), at.getColumnNr(), problem);
    }
  }

  private static Node scalar(YAMLParser parser, Node.Scalar.Type type) throws IOException {
    String text = parser.getText();
    return new Node.Scalar(text == null ? "" : text, type);
  }

  private static YamlSyntaxException syntaxError(JsonProcessingException e) {
    // Jackson keeps SnakeYAML's exception as the cause; its problem mark points at the offending
    // character, where Jackson's own location points at the last token read.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        String problem = marked.getProblem() == null ? marked.getContext() : marked.getProblem();
        return new YamlSyntaxException(mark.getLine() + 1, mark.getColumn() + 1, problem.strip());
      }
    }
    JsonLocation location = e.getLocation();
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    return new YamlSyntaxException(
        location == null ? 0 : location.getLineNr(),
        location == null ? 0 : location.getColumnNr(),
        message.lines().findFirst().orElse(message).strip());
  }
}
