package dev.katafraktos.extract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into {@link Node} trees: the one class of this package that talks to Jackson.
 *
 * <p>Thread-safe: the factory is immutable once built, every call gets its own parser.
 */
final class YamlReader {

  /**
   * SnakeYAML refuses streams over 3 MB by default; some rendered CRDs come close (argo-cd's are
   * about 1 MB each), and config data can hold whole dashboards.
   */
  private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private YamlReader() {}

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(CODE_POINT_LIMIT);
    return options;
  }

  /** Every document in {@code text}, in order; an empty document is a null scalar. */
  static List<Node> readAll(String text) throws YamlSyntaxException {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      List<Node> documents = new ArrayList<>();
      Map<String, Node> anchors = new HashMap<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        documents.add(read(parser, token, anchors));
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      // a String source does no I/O
      throw new UncheckedIOException(e);
    }
  }

  private static Node read(YAMLParser parser, JsonToken token, Map<String, Node> anchors)
      throws IOException {
    // Jackson hands an alias over as a string holding the anchor's name; resolve it ourselves.
    // Jackson reports anchors of mappings and sequences only, so an alias of a scalar stays null.
    if (parser.isCurrentAlias()) {
      return anchors.getOrDefault(parser.getText(), new Node.Scalar("", Node.Scalar.Type.NULL));
    }
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
      anchors.put(anchor, node);
    }
    return node;
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
