package dev.katafraktos.extract;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value.
 *
 * <p>Our own tree rather than Jackson's {@code JsonNode}: Jackson turns {@code tag: 1.10} into the
 * number 1.1, and an image must be reported exactly as rendered, so every scalar keeps its text.
 * The scalar's type is kept too, so that {@code alwaysPullImage: false} is not taken for an image
 * called {@code false}.
 */
sealed interface Node {

  /** A YAML mapping, in document order. */
  record Mapping(Map<String, Node> entries) implements Node {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    Node get(String key) {
      return entries.get(key);
    }

    /**
     * The text of the scalar under {@code key}, or {@code null} when it is missing, null or not a
     * scalar.
     */
    String text(String key) {
      return entries.get(key) instanceof Scalar s && s.type() != Scalar.Type.NULL ? s.text() : null;
    }

    /** The mapping under {@code key}, or {@code null}. */
    Mapping mapping(String key) {
      return entries.get(key) instanceof Mapping m ? m : null;
    }

    /** The items of the sequence under {@code key}, or an empty list. */
    List<Node> sequence(String key) {
      return entries.get(key) instanceof Sequence s ? s.items() : List.of();
    }
  }

  /** A YAML sequence. */
  record Sequence(List<Node> items) implements Node {
    public Sequence {
      items = Collections.unmodifiableList(items);
    }
  }

  /**
   * A YAML scalar.
   *
   * @param text the scalar's text as written (without quotes)
   * @param type what YAML resolved it to
   */
  record Scalar(String text, Type type) implements Node {
    enum Type {
      STRING,
      NUMBER,
      TRUE,
      FALSE,
      NULL
    }

    boolean isString() {
      return type == Type.STRING;
    }
  }

  /** This value as compact JSON, e.g. {@code {"tag":"v1.150.0"}}. */
  default String toJson() {
    StringBuilder out = new StringBuilder();
    appendJson(this, out);
    return out.toString();
  }

  private static void appendJson(Node node, StringBuilder out) {
    if (node instanceof Mapping m) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        out.append(separator);
        appendString(e.getKey(), out);
        out.append(':');
        appendJson(e.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (node instanceof Sequence s) {
      out.append('[');
      String separator = "";
      for (Node item : s.items()) {
        out.append(separator);
        appendJson(item, out);
        separator = ",";
      }
      out.append(']');
    } else if (node instanceof Scalar s) {
      switch (s.type()) {
        case TRUE -> out.append("true");
        case FALSE -> out.append("false");
        case NULL -> out.append("null");
        // YAML numbers such as 0x1F or .inf are no JSON numbers; keep their text rather than guess
        case NUMBER -> {
          if (s.text().matches("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")) {
            out.append(s.text());
          } else {
            appendString(s.text(), out);
          }
        }
        case STRING -> appendString(s.text(), out);
      }
    }
  }

  private static void appendString(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }
}
