package dev.katafraktos.rewrite;

import static dev.katafraktos.testsupport.PropertyRuns.qt;
import static dev.katafraktos.testsupport.PropertyRuns.unchecked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.rewrite.RandomValuesFiles.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
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
 * <p>QuickTheories through {@link dev.katafraktos.testsupport.PropertyRuns}: CI runs its bounded
 * default; a longer run: {@code mvn -B -pl core test -Dtest='*Properties'
 * -Dkatafraktos.tries=20000}. A failure prints the seed that replays it. What a run saw (valid and
 * refused files, edits made and refused, refusals by kind) is counted, checked and printed after
 * it.
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

  /**
   * Below this many tries a run's shares say little, and the coverage checks (what share of the
   * generated files is valid, of the edits is made) are skipped; CI runs 200.
   */
  private static final int MIN_TRIES_FOR_COVERAGE = 100;

  /** What a run saw, counted per label: checked and printed after the run. */
  private static final class Tally {
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private int tries;

    void tried() {
      tries++;
    }

    void collect(String label, String value) {
      counts.computeIfAbsent(label, k -> new TreeMap<>()).merge(value, 1, Integer::sum);
    }

    /** The share of {@code value} among all values collected under {@code label}, in percent. */
    double percent(String label, String value) {
      Map<String, Integer> values = counts.getOrDefault(label, Map.of());
      int all = values.values().stream().mapToInt(Integer::intValue).sum();
      return all == 0 ? 0 : 100.0 * values.getOrDefault(value, 0) / all;
    }

    /**
     * Prints the counts, then checks that {@code value} is at least {@code min} % of {@code label}.
     */
    void check(String property, String label, String value, double min) {
      System.out.printf("%s: %d tries, %s%n", property, tries, counts);
      if (tries >= MIN_TRIES_FOR_COVERAGE) {
        assertThat(percent(label, value))
            .as("percent of %s %s in %s", label, value, counts)
            .isGreaterThanOrEqualTo(min);
      }
    }
  }

  /** A property's body, whose checked exceptions fail the try. */
  private interface Body {
    void run() throws Exception;
  }

  private static void run(Body body) {
    unchecked(
        () -> {
          body.run();
          return null;
        });
  }

  // ---- (d) no edit, no change ----

  @Test
  void parse_noEdit_returnsTheTextByteForByte() {
    Tally tally = new Tally();
    qt().forAll(files()).checkAssert(file -> run(() -> checkNoEdit(file, tally)));
    tally.check("parse_noEdit_returnsTheTextByteForByte", "file", "valid", 90);
  }

  private static void checkNoEdit(File file, Tally tally) throws Exception {
    tally.tried();
    ValuesEditor editor;
    try {
      editor = ValuesEditor.parse(FILE, file.text());
    } catch (ValuesSyntaxException e) {
      assertRefusedByOracleToo(file.text(), e, tally);
      return;
    }
    tally.collect("file", "valid");

    assertThat(editor.text()).isEqualTo(file.text());
    assertThat(editor.changed()).isFalse();
    assertThat(editor.changes()).isEmpty();
  }

  /**
   * The generator writes YAML by hand and may get it wrong; then the editor must refuse the file as
   * the oracle does, with a message that names it.
   */
  private static void assertRefusedByOracleToo(String text, ValuesSyntaxException e, Tally tally) {
    tally.collect("file", "invalid");
    assertThat(e.getMessage()).startsWith(FILE.toString()).doesNotContain("\n");
    try {
      load(text);
    } catch (YamlEngineException expected) {
      return;
    }
    throw new AssertionError("the editor refused a file SnakeYAML reads: " + e.getMessage(), e);
  }

  // ---- (a), (b), (c) on random edits ----

  @Test
  void set_randomEditsOnRandomFiles_changeOnlyTheirLinesAndReadBackAsIntended() {
    Tally tally = new Tally();
    qt().forAll(cases()).checkAssert(example -> run(() -> checkEdits(example, tally)));
    tally.check(
        "set_randomEditsOnRandomFiles_changeOnlyTheirLinesAndReadBackAsIntended",
        "outcome",
        "edited",
        30);
  }

  private static void checkEdits(Case example, Tally tally) throws Exception {
    tally.tried();
    String text = example.file().text();
    ValuesEditor editor;
    try {
      editor = ValuesEditor.parse(FILE, text);
    } catch (ValuesSyntaxException e) {
      assertRefusedByOracleToo(text, e, tally);
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
        tally.collect("outcome", "refused");
        tally.collect("refused because", reason(e.getMessage()));
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
      tally.collect("outcome", "edited");
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

  @Test
  void set_anyStringOnAPlainOrQuotedScalar_readsBackAsThatString() {
    qt().forAll(anyValues(), scalarKeys(), booleans().all())
        .checkAssert((value, key, crlf) -> run(() -> checkAnyString(value, key, crlf)));
  }

  private static void checkAnyString(String value, String key, boolean crlf) throws Exception {
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

  static Gen<File> files() {
    return RandomValuesFiles.files();
  }

  static Gen<Case> cases() {
    return RandomValuesFiles.files()
        .flatMap(file -> lists().of(edits(file)).ofSizeBetween(1, 3).map(e -> new Case(file, e)));
  }

  static Gen<String> scalarKeys() {
    return arbitrary()
        .pick(
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
  static Gen<String> anyValues() {
    String quoting =
        " :#-?,[]{}&*!|>'\"%@`\\\t\n\r~.=<"
            + "\u0085\u2028\u2029\u00a0\ufeff\u0080\u009f"
            + "\ufffe\uffff\u0000\u007f\u001b"
            + "abc"
            + "012";
    return Generate.oneOf(
            // any UTF-16 text, lone surrogates included
            text(Generate.range(0, 0xFFFF).map(c -> (char) c.intValue()), 20),
            text(Generate.pick(quoting.chars().mapToObj(c -> (char) c).toList()), 12),
            newValues())
        .describedAs(ValuesEditorProperties::shown);
  }

  /** Strings of up to {@code max} characters drawn from {@code chars}. */
  private static Gen<String> text(Gen<Character> chars, int max) {
    Gen<List<Character>> list = lists().of(chars).ofSizeBetween(0, max);
    return list.map(
        cs -> {
          StringBuilder out = new StringBuilder(cs.size());
          cs.forEach(out::append);
          return out.toString();
        });
  }

  private static Gen<String> newValues() {
    return arbitrary()
        .pick(
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

  private static Gen<Edit> edits(File file) {
    Object tree;
    try {
      tree = load(file.text());
    } catch (YamlEngineException e) {
      return Generate.constant(new SetString(ValuePath.of("x"), "v")); // the editor must refuse
    } catch (RuntimeException e) {
      // the oracle itself broke (SnakeYAML Engine 2.10 throws IndexOutOfBoundsException when a
      // surrogate pair straddles its 1024-character buffer): leave it to the property, which
      // reports what the editor does with the file, with a seed; a generator that throws has none
      return Generate.constant(new SetString(ValuePath.of("x"), "v"));
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
    Gen<Boolean> booleans = arbitrary().pick(true, false);
    List<Gen<? extends Edit>> choices = new ArrayList<>();
    Gen<ValuePath> fresh1 = Generate.pick(fresh);
    choices.add(fresh1.zip(newValues(), SetString::new));
    choices.add(fresh1.zip(booleans, SetBoolean::new));
    choices.add(fresh1.zip(trees(), SetTree::new));
    if (!scalars.isEmpty()) {
      Gen<ValuePath> existing = Generate.pick(scalars);
      choices.add(existing.zip(newValues(), SetString::new));
      choices.add(existing.zip(newValues(), SetString::new));
      choices.add(existing.zip(booleans, SetBoolean::new));
    }
    return RandomValuesFiles.oneOf(choices);
  }

  private static Gen<Object> trees() {
    Gen<Object> list = lists().of(newValues()).ofSizeBetween(0, 3).map(l -> (Object) l);
    // 1 or 2 distinct keys
    Gen<String> key = arbitrary().pick("registry", "repository", "tag", "yes");
    Gen<Object> map =
        lists()
            .of(key.zip(newValues(), List::of))
            .ofSizeBetween(1, 2)
            .map(
                entries -> {
                  Map<Object, Object> out = new LinkedHashMap<>();
                  entries.forEach(e -> out.put(e.get(0), e.get(1)));
                  return (Object) out;
                });
    return Generate.oneOf(list, map);
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
    // the core schema, as go-yaml: "~" is null (the default JSON schema reads a string); one
    // buffer for the whole text, since SnakeYAML Engine fails on a surrogate pair across two
    // (the editor avoids that with limits.WholeCodePoints; the oracle stays independent of it)
    return new Load(
            LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setBufferSize(body.length() + 1)
                .build())
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
