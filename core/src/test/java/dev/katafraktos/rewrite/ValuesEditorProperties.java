package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.rewrite.RandomValuesFiles.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Properties of {@link ValuesEditor} on random values files written as text ({@link
 * RandomValuesFiles}): with random sets of existing and new paths, every line an edit does not
 * touch stays byte for byte ({@link EditFootprint}), the edited text reads back (SnakeYAML Engine,
 * the oracle) as exactly the original tree with the edits applied, types included, and the editor
 * either succeeds or refuses with its own exception and a message.
 *
 * <p>CI runs jqwik's bounded default; a longer run: {@code mvn -B -pl core test
 * -Dtest='*Properties' -Djqwik.tries.default=20000}.
 */
class ValuesEditorProperties {
  private static final Path FILE = Path.of("values.yaml");

  /** An edit and what it should do to the tree the file holds. */
  sealed interface Edit {
    ValuePath path();

    ValuesEditor apply(ValuesEditor editor) throws EditException;

    Object value();
  }

  record SetString(ValuePath path, String value) implements Edit {
    @Override
    public ValuesEditor apply(ValuesEditor editor) throws EditException {
      return editor.set(path, value);
    }
  }

  record SetBoolean(ValuePath path, Boolean value) implements Edit {
    @Override
    public ValuesEditor apply(ValuesEditor editor) throws EditException {
      return editor.setBoolean(path, value);
    }
  }

  record SetTree(ValuePath path, Object value) implements Edit {
    @Override
    public ValuesEditor apply(ValuesEditor editor) throws EditException {
      return editor.setTree(path, value);
    }
  }

  record Case(File file, List<Edit> edits) {}

  /** The target tree is not what the path needs (a scalar or a list in the way). */
  private static final class Impossible extends Exception {
    Impossible(String message) {
      super(message);
    }
  }

  // ---- (d) no edit, no change ----

  @Property
  void parse_noEdit_returnsTheTextByteForByte(@ForAll("files") File file) throws Exception {
    ValuesEditor editor;
    try {
      editor = ValuesEditor.parse(FILE, file.text());
    } catch (ValuesSyntaxException e) {
      assertRefusedByOracleToo(file.text(), e);
      return;
    }
    Statistics.label("file").collect("valid");

    assertThat(editor.text()).isEqualTo(file.text());
    assertThat(editor.changed()).isFalse();
    assertThat(editor.changes()).isEmpty();
    Statistics.label("file").coverage(checker -> checker.check("valid").percentage(p -> p >= 90));
  }

  /**
   * The generator writes YAML by hand and may get it wrong; then the editor must refuse the file as
   * the oracle does, with a message that names it.
   */
  private static void assertRefusedByOracleToo(String text, ValuesSyntaxException e) {
    Statistics.label("file").collect("invalid");
    assertThat(e.getMessage()).startsWith(FILE.toString()).doesNotContain("\n");
    try {
      load(text);
    } catch (YamlEngineException expected) {
      return;
    }
    throw new AssertionError("the editor refused a file SnakeYAML reads: " + e.getMessage(), e);
  }

  // ---- (a), (b), (c) on random edits ----

  @Property
  void set_randomEditsOnRandomFiles_changeOnlyTheirLinesAndReadBackAsIntended(
      @ForAll("cases") Case example) throws Exception {
    String text = example.file().text();
    ValuesEditor editor;
    try {
      editor = ValuesEditor.parse(FILE, text);
    } catch (ValuesSyntaxException e) {
      assertRefusedByOracleToo(text, e);
      return;
    }
    Object intended = copy(load(text));
    String before = text;
    Set<ValuePath> edited = new LinkedHashSet<>();
    for (Edit edit : example.edits()) {
      ValuesEditor next;
      try {
        next = edit.apply(editor);
      } catch (EditException e) {
        Statistics.label("outcome").collect("refused");
        Statistics.label("refused because").collect(reason(e.getMessage()));
        assertThat(e.getMessage()).as("message of the refusal").isNotBlank().doesNotContain("\n");
        continue;
      }
      Object expected;
      try {
        expected = applied(intended, edit);
      } catch (Impossible e) {
        throw new AssertionError(
            "the editor made "
                + edit
                + " although "
                + e.getMessage()
                + "; it wrote:\n"
                + next.text());
      }
      Statistics.label("outcome").collect("edited");
      String after = next.text();
      if (!(edit instanceof SetTree)) {
        EditFootprint.check(edit.path(), before, after);
      }
      assertThat(load(after))
          .as("%s read back from\n%s", edit, after.replace("\r", "\\r"))
          .isEqualTo(expected);
      if (!(edit instanceof SetTree)) {
        assertThat(edit.apply(next).text()).as("%s a second time", edit).isEqualTo(after);
      }
      assertKeepsLayout(example.file(), after);
      if (!after.equals(before)) { // an edit that changes nothing is no change
        edited.add(edit.path());
      }
      intended = expected;
      editor = next;
      before = after;
    }
    assertThat(editor.changes())
        .extracting(ValuesEditor.Change::path)
        .containsExactlyElementsOf(edited);
    Statistics.label("outcome")
        .coverage(checker -> checker.check("edited").percentage(p -> p >= 30));
  }

  /** The kind of refusal, for the statistics a longer run prints. */
  private static String reason(String message) {
    for (String kind :
        List.of(
            "block scalar",
            "defines the anchor",
            "is the alias",
            "is an alias",
            "spans several lines",
            "would also change",
            "would break",
            "did not read back",
            "not a mapping",
            "not a string",
            "without element")) {
      if (message.contains(kind)) {
        return kind;
      }
    }
    return "other: " + message;
  }

  /** A BOM, the line endings and the final newline (or its absence) survive any edit. */
  private static void assertKeepsLayout(File file, String after) {
    assertThat(after.startsWith("\uFEFF")).isEqualTo(file.layout().bom());
    if (file.text().contains("\r\n")) { // a file of one line without newline has no style
      assertThat(after.replace("\r\n", "")).as("a bare LF in a CRLF file").doesNotContain("\n");
    } else {
      assertThat(after).doesNotContain("\r");
    }
  }

  // ---- (c) any string value on a plain or quoted scalar ----

  @Property
  void set_anyStringOnAPlainOrQuotedScalar_readsBackAsThatString(
      @ForAll("anyValues") String value, @ForAll("scalarKeys") String key, @ForAll boolean crlf)
      throws Exception {
    String text =
        "# c\nimage:\n  plain: nginx # trailing\n  single: 'x' # trailing\n"
            + "  double: \"y\"\n  empty:\n  flow: {a: b, c: d}\nlist: [one, two]\nafter: 1\n";
    if (crlf) {
      text = text.replace("\n", "\r\n");
    }
    ValuePath path = key.startsWith("list") ? ValuePath.of("list", "[1]") : ValuePath.parse(key);

    ValuesEditor editor;
    try {
      editor = ValuesEditor.parse(FILE, text).set(path, value);
    } catch (EditException e) {
      throw new AssertionError("refused " + shown(value) + ": " + e, e);
    }

    EditFootprint.check(path, text, editor.text());
    Object tree = load(editor.text());
    assertThat(tree).isEqualTo(applied(copy(load(text)), new SetString(path, value)));
  }

  /** A string as a Java literal, so that the failing value can be pasted into a test. */
  private static String shown(String value) {
    StringBuilder out = new StringBuilder("\"");
    value
        .chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                        ? String.valueOf((char) c)
                        : String.format("\\u%04x", c)));
    return out.append('"').toString();
  }

  // ---- generators ----

  @Provide
  Arbitrary<File> files() {
    return RandomValuesFiles.files();
  }

  @Provide
  Arbitrary<Case> cases() {
    return RandomValuesFiles.files()
        .flatMap(file -> edits(file).list().ofMinSize(1).ofMaxSize(3).map(e -> new Case(file, e)));
  }

  @Provide
  Arbitrary<String> scalarKeys() {
    return Arbitraries.of(
        "image.plain",
        "image.single",
        "image.double",
        "image.empty",
        "image.flow.a",
        "image.flow.new",
        "image.new",
        "list[1]",
        "new.key");
  }

  /** Any text, with the characters that quoting has to think about made likely. */
  @Provide
  Arbitrary<String> anyValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.strings()
            .withChars(" :#-?,[]{}&*!|>'\"%@`\\\t\n\r~.=<")
            .withChars('\u0085', '\u2028', '\u2029', '\u00a0', '\ufeff', '\u0080', '\u009f')
            .withChars('\ufffe', '\uffff', '\u0000', '\u007f', '\u001b')
            .withCharRange('a', 'c')
            .withCharRange('0', '2')
            .ofMaxLength(12),
        newValues());
  }

  private static Arbitrary<String> newValues() {
    return Arbitraries.of(
        "harbor.example.com/dockerhub",
        "1.25",
        "0777",
        "1e3",
        "0x1F",
        "1:20",
        ".inf",
        "2024-01-01",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "True",
        "null",
        "NULL",
        "~",
        "",
        " leading",
        "trailing ",
        "a: b",
        "a:b",
        "a #b",
        "a#b",
        "#x",
        "*x",
        "&x",
        "!x",
        "- x",
        "-x",
        "?",
        "? x",
        "|",
        ">",
        "'",
        "\"",
        "it's",
        "say \"hi\"",
        "\\",
        "tab\tx",
        "line\nbreak",
        "crlf\r\nx",
        "ü→😀",
        "[a]",
        "{a}",
        "a,b",
        "%x",
        "@x",
        "`x",
        "---",
        "...",
        "x:",
        "https://x/y?a=b#c");
  }

  private static Arbitrary<Edit> edits(File file) {
    Object tree;
    try {
      tree = load(file.text());
    } catch (YamlEngineException e) {
      return Arbitraries.just(new SetString(ValuePath.of("x"), "v")); // the editor must refuse
    }
    List<ValuePath> scalars = new ArrayList<>();
    List<List<String>> mappings = new ArrayList<>();
    walk(tree, new ArrayList<>(), scalars, mappings);
    List<ValuePath> fresh = new ArrayList<>();
    for (List<String> at : mappings) {
      for (String key : List.of("new", "registry", "x.y", "yes", "1", "#k", "k: v", "-k", "ü")) {
        Object map = at.isEmpty() ? tree : get(tree, at);
        if (!(map instanceof Map<?, ?> m) || !m.containsKey(key)) {
          List<String> keys = new ArrayList<>(at);
          keys.add(key);
          fresh.add(new ValuePath(keys));
          keys.add("deeper");
          fresh.add(new ValuePath(keys));
        }
      }
    }
    for (ValuePath scalar : scalars) { // through a scalar: only an empty one takes keys
      List<String> keys = new ArrayList<>(scalar.keys());
      keys.add("sub");
      fresh.add(new ValuePath(keys));
    }
    List<Arbitrary<Edit>> choices = new ArrayList<>();
    Arbitrary<ValuePath> fresh1 = Arbitraries.of(fresh);
    choices.add(Combinators.combine(fresh1, newValues()).as(SetString::new));
    choices.add(Combinators.combine(fresh1, Arbitraries.of(true, false)).as(SetBoolean::new));
    choices.add(Combinators.combine(fresh1, trees()).as(SetTree::new));
    if (!scalars.isEmpty()) {
      Arbitrary<ValuePath> existing = Arbitraries.of(scalars);
      choices.add(Combinators.combine(existing, newValues()).as(SetString::new));
      choices.add(Combinators.combine(existing, newValues()).as(SetString::new));
      choices.add(Combinators.combine(existing, Arbitraries.of(true, false)).as(SetBoolean::new));
    }
    return Arbitraries.oneOf(choices);
  }

  private static Arbitrary<Object> trees() {
    return Arbitraries.oneOf(
        newValues().list().ofMaxSize(3).map(l -> (Object) l),
        Arbitraries.maps(Arbitraries.of("registry", "repository", "tag", "yes"), newValues())
            .ofMinSize(1)
            .ofMaxSize(2)
            .map(m -> (Object) new LinkedHashMap<>(m)));
  }

  /** Paths of scalar leaves and of mappings (string keys only, as value paths name them). */
  private static void walk(
      Object node, List<String> at, List<ValuePath> scalars, List<List<String>> mappings) {
    if (node instanceof Map<?, ?> map) {
      mappings.add(List.copyOf(at));
      map.forEach(
          (key, value) -> {
            if (key instanceof String k && !k.isEmpty() && !ValuePath.isIndex(k)) {
              at.add(k);
              walk(value, at, scalars, mappings);
              at.remove(at.size() - 1);
            }
          });
    } else if (node instanceof List<?> list && !at.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        at.add(ValuePath.index(i));
        walk(list.get(i), at, scalars, mappings);
        at.remove(at.size() - 1);
      }
    } else if (!at.isEmpty() && !(node instanceof List)) {
      scalars.add(new ValuePath(at));
    }
  }

  // ---- the oracle ----

  static Object load(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    // the core schema, as go-yaml: "~" is null (the default JSON schema reads a string)
    return new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
        .loadFromString(body);
  }

  private static Object get(Object tree, List<String> keys) {
    Object node = tree;
    for (String key : keys) {
      if (ValuePath.isIndex(key) && node instanceof List<?> list) {
        node = list.get(ValuePath.indexOf(key));
      } else if (node instanceof Map<?, ?> map) {
        node = map.get(key);
      } else {
        return null;
      }
    }
    return node;
  }

  /** A deep copy: an alias is loaded as the anchored object itself, but is edited on its own. */
  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return node;
  }

  /** The tree with {@code edit} applied as the editor documents it; the input is not changed. */
  @SuppressWarnings("unchecked")
  private static Object applied(Object tree, Edit edit) throws Impossible {
    Object root = copy(tree);
    if (root == null) {
      root = new LinkedHashMap<>();
    }
    if (!(root instanceof Map)) {
      throw new Impossible("the document is no mapping");
    }
    List<String> keys = edit.path().keys();
    Object node = root;
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      boolean last = i == keys.size() - 1;
      if (ValuePath.isIndex(key)) {
        int index = ValuePath.indexOf(key);
        if (!(node instanceof List<?> list) || index >= list.size()) {
          throw new Impossible(edit.path().prefix(i + 1) + " is no list element");
        }
        List<Object> items = (List<Object>) list;
        if (last) {
          if (items.get(index) instanceof Map || items.get(index) instanceof List) {
            throw new Impossible(edit.path() + " is a collection");
          }
          items.set(index, edit.value());
        } else {
          node = items.get(index);
        }
        continue;
      }
      if (!(node instanceof Map<?, ?> untyped)) {
        throw new Impossible(edit.path().prefix(i) + " is no mapping");
      }
      Map<Object, Object> map = (Map<Object, Object>) untyped;
      Object child = map.get(key);
      if (last) {
        if (child instanceof Map || child instanceof List) {
          throw new Impossible(edit.path() + " is a collection");
        }
        map.put(key, edit.value());
      } else if (child == null && !ValuePath.isIndex(keys.get(i + 1))) {
        Map<Object, Object> created = new LinkedHashMap<>();
        map.put(key, created);
        node = created;
      } else if (child instanceof Map || child instanceof List) {
        node = child;
      } else {
        throw new Impossible(edit.path().prefix(i + 1) + " is the scalar " + child);
      }
    }
    return root;
  }
}
