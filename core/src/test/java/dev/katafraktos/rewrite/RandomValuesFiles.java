package dev.katafraktos.rewrite;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random values files as text, the way people write them: comments (full-line and trailing), blank
 * lines, block and flow mappings and sequences, indentless sequences, every scalar style, anchors
 * and aliases, CRLF or LF, document markers, a BOM, with or without a final newline. Built from
 * QuickTheories generators (a small spec tree from a depth-bounded recursive {@link Gen}, then
 * rendered), so that a failure shrinks to a short file.
 *
 * <p>The generator makes no claim about what the text means: the properties read it with SnakeYAML
 * Engine, the oracle, and a text it gets wrong is at worst a file the editor refuses.
 */
final class RandomValuesFiles {
  private RandomValuesFiles() {}

  /** How a scalar is written. */
  enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL,
    FOLDED,
    ALIAS
  }

  sealed interface Spec {}

  record Scalar(String value, Style style, String chomp, boolean anchored) implements Spec {}

  record Mapping(List<Entry> entries, boolean flow, boolean anchored) implements Spec {}

  record Sequence(List<Spec> items, boolean flow, boolean indentless) implements Spec {}

  /** One key and its value, with what stands around it. */
  record Entry(
      String key, Style keyStyle, Spec value, int blankBefore, String comment, String trailing) {}

  /** The file's layout: indentation step, line ending and what surrounds the document. */
  record Layout(
      int unit,
      boolean crlf,
      String start,
      boolean end,
      boolean finalNewline,
      boolean bom,
      String header) {}

  record File(String text, Mapping root, Layout layout) {
    @Override
    public String toString() {
      return "\n" + text.replace("\r", "\\r") + "\n(end of file)";
    }
  }

  // ---- generators ----

  static Gen<File> files() {
    return mapping(3, false)
        .zip(layouts(), (root, layout) -> new File(render(root, layout), root, layout));
  }

  private static Gen<Layout> layouts() {
    Gen<Integer> unit = arbitrary().pick(2, 4);
    Gen<Boolean> crlf = arbitrary().pick(false, true);
    Gen<String> start = arbitrary().pick("", "---", "--- # values");
    Gen<Boolean> end = arbitrary().pick(false, true);
    Gen<Boolean> finalNewline = arbitrary().pick(true, false);
    Gen<Boolean> bom = arbitrary().pick(false, true);
    Gen<String> header = arbitrary().pick("", "# Default values for the chart.", "# a\n#\n# b");
    return in ->
        new Layout(
            unit.generate(in),
            crlf.generate(in),
            start.generate(in),
            end.generate(in),
            finalNewline.generate(in),
            bom.generate(in),
            header.generate(in));
  }

  static Gen<Mapping> mapping(int depth, boolean inFlow) {
    Gen<List<Entry>> entries =
        lists()
            .of(entry(depth, inFlow))
            .ofSizeBetween(1, inFlow ? 3 : 5)
            .map(RandomValuesFiles::uniqueKeys);
    return entries.zip(
        inFlow ? Generate.constant(true) : arbitrary().pick(false, false, false, true),
        arbitrary().pick(false, false, false, true),
        Mapping::new);
  }

  private static List<Entry> uniqueKeys(List<Entry> entries) {
    Set<String> seen = new LinkedHashSet<>();
    List<Entry> unique = new ArrayList<>();
    for (Entry entry : entries) {
      if (seen.add(entry.key())) {
        unique.add(entry);
      }
    }
    return unique;
  }

  private static Gen<Entry> entry(int depth, boolean inFlow) {
    Gen<String> key = keys();
    Gen<Style> keyStyle =
        arbitrary().pick(Style.PLAIN, Style.PLAIN, Style.PLAIN, Style.SINGLE, Style.DOUBLE);
    Gen<Spec> value = value(depth, inFlow);
    Gen<Integer> blankBefore = arbitrary().pick(0, 0, 0, 1, 2);
    Gen<String> comment = arbitrary().pick("", "", "", "# about this key", "#", "# image: x:y # z");
    Gen<String> trailing = arbitrary().pick("", "", "", " # trailing", "  #: odd \"comment\"");
    return in ->
        new Entry(
            key.generate(in),
            keyStyle.generate(in),
            value.generate(in),
            blankBefore.generate(in),
            comment.generate(in),
            trailing.generate(in));
  }

  private static Gen<Spec> value(int depth, boolean inFlow) {
    List<Gen<? extends Spec>> choices = new ArrayList<>();
    choices.add(scalar(inFlow));
    choices.add(scalar(inFlow));
    if (depth > 0) {
      choices.add(lazy(() -> mapping(depth - 1, inFlow)));
      choices.add(lazy(() -> sequence(depth - 1, inFlow)));
    }
    return oneOf(choices);
  }

  private static Gen<Sequence> sequence(int depth, boolean inFlow) {
    Gen<Spec> item =
        oneOf(
            List.of(
                scalar(inFlow),
                scalar(inFlow),
                lazy(() -> mapping(Math.max(0, depth - 1), inFlow)),
                // a list right inside a list only in flow style: "- - a" is legal but rare
                lazy(() -> sequence(0, true))));
    return lists()
        .of(item)
        .ofSizeBetween(inFlow ? 0 : 1, 3)
        .zip(
            inFlow ? Generate.constant(true) : arbitrary().pick(false, false, true),
            arbitrary().pick(false, true),
            Sequence::new);
  }

  private static Gen<Spec> scalar(boolean inFlow) {
    Gen<Style> style =
        inFlow
            ? arbitrary().pick(Style.PLAIN, Style.PLAIN, Style.SINGLE, Style.DOUBLE, Style.ALIAS)
            : arbitrary()
                .pick(
                    Style.PLAIN,
                    Style.PLAIN,
                    Style.PLAIN,
                    Style.SINGLE,
                    Style.DOUBLE,
                    Style.LITERAL,
                    Style.FOLDED,
                    Style.ALIAS);
    Gen<String> value =
        arbitrary()
            .pick(
                "nginx",
                "docker.io",
                "bitnami/nginx",
                "1.25",
                "1.25.3-debian-12-r0",
                "10",
                "0777",
                "true",
                "yes",
                "null",
                "~",
                "",
                "two words",
                "a:b",
                "http://x/y",
                "ü→😀",
                "it's",
                "say \"hi\"",
                "back\\slash",
                "line one\nline two");
    return value.zip(
        style,
        arbitrary().pick("", "-", "+"),
        arbitrary().pick(false, false, false, true),
        Scalar::new);
  }

  /** One of {@code choices}, each as likely (a choice listed twice is twice as likely). */
  static <T> Gen<T> oneOf(List<Gen<? extends T>> choices) {
    return Generate.pick(choices).flatMap(choice -> choice);
  }

  /** {@code gen}, built only when a value is drawn: the spec tree refers to itself. */
  private static <T> Gen<T> lazy(Supplier<Gen<? extends T>> gen) {
    return in -> gen.get().generate(in);
  }

  /** Keys as charts name them, and some that need care. */
  static Gen<String> keys() {
    return arbitrary()
        .pick(
            "image",
            "registry",
            "repository",
            "tag",
            "enabled",
            "items",
            "global",
            "x",
            "a.b",
            "with space",
            "ü",
            "on",
            "k-1",
            "prometheus.io/scrape");
  }

  // ---- rendering ----

  private static final class Writer {
    final StringBuilder out = new StringBuilder();
    final int unit;
    int anchors;
    int lastScalarAnchor; // aliases point at scalars only: an alias inside its own anchor loops

    Writer(int unit) {
      this.unit = unit;
    }
  }

  static String render(Mapping root, Layout layout) {
    Writer w = new Writer(layout.unit());
    if (!layout.header().isEmpty()) {
      w.out.append(layout.header()).append('\n');
    }
    if (!layout.start().isEmpty()) {
      w.out.append(layout.start()).append('\n');
    }
    if (root.flow()) {
      w.out.append(flow(w, root)).append('\n');
    } else {
      blockMapping(w, root, 0);
    }
    if (layout.end()) {
      w.out.append("...\n");
    }
    String text = w.out.toString();
    if (!layout.finalNewline()) {
      text = text.substring(0, text.length() - 1);
    }
    if (layout.crlf()) {
      text = text.replace("\n", "\r\n");
    }
    return layout.bom() ? "\uFEFF" + text : text;
  }

  private static void blockMapping(Writer w, Mapping mapping, int indent) {
    blockMapping(w, mapping, indent, false);
  }

  /** {@code inlineFirst}: the first key follows a "- " that is already written. */
  private static void blockMapping(Writer w, Mapping mapping, int indent, boolean inlineFirst) {
    boolean first = true;
    for (Entry entry : mapping.entries()) {
      if (!(first && inlineFirst)) {
        w.out.append("\n".repeat(entry.blankBefore()));
        if (!entry.comment().isEmpty()) {
          w.out.append(" ".repeat(indent)).append(entry.comment()).append('\n');
        }
        w.out.append(" ".repeat(indent));
      }
      first = false;
      w.out.append(key(entry)).append(':');
      blockValue(w, entry.value(), indent, entry.trailing(), true);
    }
  }

  /** Writes what follows "key:" or "-", through the end of its last line. */
  private static void blockValue(Writer w, Spec value, int indent, String trailing, boolean keyed) {
    if (value instanceof Scalar s && (s.style() == Style.LITERAL || s.style() == Style.FOLDED)) {
      w.out.append(' ').append(scalarAnchor(w, s.anchored()));
      w.out.append(s.style() == Style.LITERAL ? '|' : '>').append(s.chomp());
      w.out.append(trailing).append('\n');
      String pad = " ".repeat(indent + w.unit);
      for (String line : (s.value().isEmpty() ? "text" : s.value()).split("\n")) {
        w.out.append(pad).append(line).append('\n');
      }
      if (s.chomp().equals("+")) {
        w.out.append('\n');
      }
    } else if (value instanceof Scalar s) {
      String text = inline(w, s, false);
      w.out.append(text.isEmpty() ? "" : " " + text).append(trailing).append('\n');
    } else if (value instanceof Mapping m && (m.flow() || m.entries().isEmpty())) {
      w.out.append(' ').append(anchor(w, m.anchored()));
      w.out.append(flow(w, m)).append(trailing).append('\n');
    } else if (value instanceof Mapping m) {
      String anchor = anchor(w, m.anchored());
      w.out.append(anchor.isEmpty() ? "" : " " + anchor.strip()).append(trailing).append('\n');
      blockMapping(w, m, indent + w.unit);
    } else if (value instanceof Sequence q && (q.flow() || q.items().isEmpty())) {
      w.out.append(' ').append(flow(w, q)).append(trailing).append('\n');
    } else if (value instanceof Sequence q) {
      w.out.append(trailing).append('\n');
      int itemIndent = q.indentless() && keyed ? indent : indent + w.unit;
      for (Spec item : q.items()) {
        w.out.append(" ".repeat(itemIndent)).append('-');
        if (item instanceof Mapping m && !m.flow() && !m.entries().isEmpty() && !m.anchored()) {
          w.out.append(' ');
          blockMapping(w, m, itemIndent + 2, true);
        } else {
          blockValue(w, item, itemIndent, "", false);
        }
      }
    }
  }

  private static String flow(Writer w, Spec value) {
    if (value instanceof Scalar s) {
      return inline(w, s, true);
    }
    List<String> parts = new ArrayList<>();
    if (value instanceof Mapping m) {
      for (Entry entry : m.entries()) {
        String text = flow(w, entry.value());
        parts.add(key(entry) + ":" + (text.isEmpty() ? "" : " " + text));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    for (Spec item : ((Sequence) value).items()) {
      String text = flow(w, item);
      parts.add(text.isEmpty() ? "~" : text);
    }
    return "[" + String.join(", ", parts) + "]";
  }

  private static String inline(Writer w, Scalar s, boolean inFlow) {
    if (s.style() == Style.ALIAS && w.lastScalarAnchor > 0) {
      return "*a" + w.lastScalarAnchor;
    }
    String anchor = scalarAnchor(w, s.anchored());
    String text =
        switch (s.style()) {
          case SINGLE ->
              s.value().contains("\n")
                  ? YamlScalars.doubleQuoted(s.value())
                  : "'" + s.value().replace("'", "''") + "'";
          case DOUBLE -> YamlScalars.doubleQuoted(s.value());
          default -> plain(s.value(), inFlow);
        };
    return anchor + text;
  }

  /** The value plain when that reads back as some scalar on one line, else double-quoted. */
  private static String plain(String value, boolean inFlow) {
    // typed values (10, true, ~, empty) stay plain on purpose: the file then holds non-strings
    boolean unsafe =
        value.contains("\n")
            || YamlScalars.plainType(value).isEmpty()
                && (inFlow ? YamlScalars.needsQuotesInFlow(value) : YamlScalars.needsQuotes(value));
    return unsafe ? YamlScalars.doubleQuoted(value) : value;
  }

  private static String key(Entry entry) {
    return switch (entry.keyStyle()) {
      case SINGLE -> "'" + entry.key() + "'";
      case DOUBLE -> "\"" + entry.key() + "\"";
      default -> YamlScalars.plain(entry.key());
    };
  }

  private static String anchor(Writer w, boolean anchored) {
    return anchored ? "&a" + ++w.anchors + " " : "";
  }

  private static String scalarAnchor(Writer w, boolean anchored) {
    String anchor = anchor(w, anchored);
    if (anchored) {
      w.lastScalarAnchor = w.anchors;
    }
    return anchor;
  }
}
