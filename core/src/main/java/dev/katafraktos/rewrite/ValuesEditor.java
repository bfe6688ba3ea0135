package dev.katafraktos.rewrite;

import dev.katafraktos.limits.BoundedFiles;
import dev.katafraktos.model.ValuePath;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits a Helm values file in place: parsed with SnakeYAML Engine to find spans, changed as text so
 * that comments, order, quoting, indentation, blank lines, line endings, a BOM and the final
 * newline survive byte for byte outside the edited spans (GUIDE section 3). Immutable: {@link #set}
 * returns a new editor.
 */
public final class ValuesEditor {
  private static final String BOM = "\uFEFF";

  /**
   * One value this editor changed, for a summary like {@code values.yaml:12 image.registry:
   * docker.io → harbor.example.com}.
   *
   * @param line 1-based line of the key in {@link #text()}
   * @param oldValue the value before, as YAML reads it (an alias replaced by a mapping shows as
   *     {@code *name}); null when the key was added
   */
  public record Change(ValuePath path, int line, String oldValue, String newValue) {}

  private record Edit(String oldValue, String newValue) {}

  private final String original;
  private final boolean bom;
  private final ParsedValues yaml;
  private final List<String> editWarnings;
  private final Map<ValuePath, Edit> edits;

  private ValuesEditor(
      String original,
      boolean bom,
      ParsedValues yaml,
      List<String> editWarnings,
      Map<ValuePath, Edit> edits) {
    this.original = original;
    this.bom = bom;
    this.yaml = yaml;
    this.editWarnings = List.copyOf(editWarnings);
    this.edits = edits;
  }

  public static ValuesEditor parse(Path file, String text) throws ValuesSyntaxException {
    boolean bom = text.startsWith(BOM);
    ParsedValues yaml = ParsedValues.parse(file.toString(), bom ? text.substring(1) : text);
    return new ValuesEditor(text, bom, yaml, List.of(), Map.of());
  }

  /**
   * The values file at {@code file} to edit, or an empty one when it does not exist yet: an
   * overrides file ({@code --output}) is edited like any values file when it is there, and started
   * when it is not. {@link AtomicFiles#write} then creates it.
   */
  public static ValuesEditor open(Path file) throws IOException, ValuesSyntaxException {
    String text;
    try {
      text = BoundedFiles.readString(file);
    } catch (BoundedFiles.FileTooLargeException e) {
      throw new ValuesSyntaxException(e.getMessage() + "; file left unchanged", e);
    } catch (NoSuchFileException e) {
      text = "";
    } catch (CharacterCodingException e) {
      // Helm reads values as UTF-8; guessing another charset could corrupt the file on write
      throw new ValuesSyntaxException(file + ": not UTF-8 text; file left unchanged", e);
    }
    return parse(file, text);
  }

  /**
   * Sets the string at {@code path}, adding missing keys; the result reads back as {@code value}.
   */
  public ValuesEditor set(ValuePath path, String value) throws EditException {
    EditPlanner.Plan plan = new EditPlanner(yaml, path, value).plan();
    if (plan.edit().isEmpty()) {
      return this;
    }
    String body = plan.edit().get().applyTo(yaml.body);
    ParsedValues edited;
    try {
      edited = ParsedValues.parse(yaml.label, body);
    } catch (ValuesSyntaxException e) {
      throw new EditException(
          "Setting "
              + path
              + " in "
              + yaml.label
              + " would break its YAML ("
              + e.getMessage()
              + "); edit it by hand");
    }
    verify(edited, path, value);
    verifyUntouched(path, body);
    List<String> all = new ArrayList<>(editWarnings);
    plan.warning().ifPresent(all::add);
    Map<ValuePath, Edit> allEdits = new LinkedHashMap<>(edits);
    // setting a path twice is one change, from the value the file had
    Edit first = edits.get(path);
    allEdits.put(path, new Edit(first == null ? plan.oldValue() : first.oldValue(), value));
    return new ValuesEditor(original, bom, edited, all, allEdits);
  }

  /**
   * Sets a boolean at {@code path} (e.g. Bitnami's {@code global.security.allowInsecureImages}),
   * written as a plain {@code true}/{@code false} so that it reads back as a boolean, not a string.
   */
  public ValuesEditor setBoolean(ValuePath path, boolean value) throws EditException {
    // place a plain-safe stand-in with all of set()'s care, then swap it for the bare boolean
    String standIn = "katafraktos-boolean-" + Long.toHexString(System.nanoTime());
    ValuesEditor placed = set(path, standIn);
    String body =
        placed.yaml.body.replaceAll("(['\"]?)" + standIn + "\\1", Boolean.toString(value));
    if (body.equals(yaml.body)) {
      return this;
    }
    ParsedValues edited;
    try {
      edited = ParsedValues.parse(yaml.label, body);
    } catch (ValuesSyntaxException e) {
      throw new EditException(
          "Setting " + path + " in " + yaml.label + " failed: " + e.getMessage());
    }
    verifyUntouched(path, body);
    Map<ValuePath, Edit> allEdits = new LinkedHashMap<>(placed.edits);
    allEdits.put(path, new Edit(placed.edits.get(path).oldValue(), Boolean.toString(value)));
    return new ValuesEditor(original, bom, edited, placed.editWarnings, allEdits);
  }

  /**
   * Sets {@code path} to a whole list or mapping (helm replaces a list as a whole, so a list the
   * chart's defaults hold is written out whole), as a block in the file's indentation. Strings are
   * double-quoted so that go-yaml's YAML 1.1 reading cannot turn one into a boolean or number.
   */
  public ValuesEditor setTree(ValuePath path, Object value) throws EditException {
    String standIn = "katafraktos-tree-" + Long.toHexString(System.nanoTime());
    ValuesEditor placed = set(path, standIn);
    String placedBody = placed.yaml.body;
    int at = placedBody.indexOf(standIn);
    var tuple = placed.yaml.lookup(path);
    if (at < 0 || tuple.isEmpty() || placedBody.indexOf(standIn, at + 1) >= 0) {
      throw new EditException("Cannot set " + path + " in " + yaml.label + "; edit it by hand");
    }
    int column = placed.yaml.column(tuple.get().getKeyNode());
    int start = at;
    while (start > 0 && placedBody.charAt(start - 1) == ' ') {
      start--;
    }
    String rest = placedBody.substring(at + standIn.length());
    // an empty list or mapping stays on the key's line (`key: []`); a tree that cannot be a block
    // where it goes (inside a flow mapping) is written in flow style, as JSON, which YAML reads
    String inline = placedBody.substring(0, at) + TreeBlock.inline(value) + rest;
    String body =
        TreeBlock.isEmpty(value)
            ? inline
            : placedBody.substring(0, start)
                + yaml.newline
                + TreeBlock.render(value, column + yaml.indentUnit(), yaml.newline)
                + rest;
    ParsedValues edited;
    try {
      edited = ParsedValues.parse(yaml.label, body);
    } catch (ValuesSyntaxException blockBroke) {
      try {
        body = inline;
        edited = ParsedValues.parse(yaml.label, body);
      } catch (ValuesSyntaxException e) {
        throw new EditException(
            "Setting " + path + " in " + yaml.label + " would break its YAML; edit it by hand");
      }
    }
    if (!TreeBlock.sameTree(TreeBlock.load(edited.body, path), value)) {
      throw new EditException(
          "Setting "
              + path
              + " in "
              + edited.label
              + " did not read back as intended; edit it by hand");
    }
    verifyUntouched(path, body);
    Map<ValuePath, Edit> allEdits = new LinkedHashMap<>(edits);
    allEdits.put(path, new Edit(null, TreeBlock.describe(value)));
    return new ValuesEditor(original, bom, edited, placed.editWarnings, allEdits);
  }

  /** Re-reads the edited text: a wrong edit must fail here, not in the user's next helm install. */
  private static void verify(ParsedValues edited, ValuePath path, String value)
      throws EditException {
    try {
      if (new EditPlanner(edited, path, value).plan().edit().isEmpty()) {
        return;
      }
    } catch (EditException e) {
      // fall through: the edited file does not read back as intended
    }
    throw new EditException(
        "Setting "
            + path
            + " in "
            + edited.label
            + " did not read back as "
            + YamlScalars.shown(value)
            + "; edit it by hand");
  }

  /**
   * Refuses an edit that changed another value as well (the read-back of the path cannot see it).
   */
  private void verifyUntouched(ValuePath path, String body) throws EditException {
    String changed = Untouched.changedBesides(yaml.body, body, path);
    if (!changed.isEmpty()) {
      throw new EditException(
          "Setting "
              + path
              + " in "
              + yaml.label
              + " would also change "
              + changed
              + "; file left unchanged, edit it by hand");
    }
  }

  public String text() {
    return bom ? BOM + yaml.body : yaml.body;
  }

  /**
   * Unquoted tags that YAML misreads, in {@link #text()} as it is now (a tag this editor quoted is
   * no longer reported), then what the edits had to work around.
   */
  public List<String> warnings() {
    List<String> all = new ArrayList<>(TagWarnings.find(yaml));
    all.addAll(editWarnings);
    return List.copyOf(all);
  }

  public boolean changed() {
    return !text().equals(original);
  }

  /** What {@link #set} changed, in the order of the first set of each path. */
  public List<Change> changes() {
    List<Change> changes = new ArrayList<>();
    edits.forEach(
        (path, edit) -> {
          // lines come from the final text: a later insertion moves earlier changes down
          int line = yaml.lookup(path).map(tuple -> yaml.line(tuple.getKeyNode())).orElse(0);
          changes.add(new Change(path, line, edit.oldValue(), edit.newValue()));
        });
    return List.copyOf(changes);
  }
}
