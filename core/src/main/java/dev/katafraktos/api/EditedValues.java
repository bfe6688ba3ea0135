package dev.katafraktos.api;

import dev.katafraktos.api.RewriteResult.FileChange;
import dev.katafraktos.limits.BoundedFiles;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.releases.OutsideRepositoryException;
import dev.katafraktos.releases.RepoRoot;
import dev.katafraktos.rewrite.AtomicFiles;
import dev.katafraktos.rewrite.EditException;
import dev.katafraktos.rewrite.FileChangedException;
import dev.katafraktos.rewrite.FileNotWritableException;
import dev.katafraktos.rewrite.LockedReplace;
import dev.katafraktos.rewrite.ValuesEditor;
import dev.katafraktos.rewrite.ValuesSyntaxException;
import dev.katafraktos.values.UserValues;
import dev.katafraktos.values.WholeLists;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values files a rewrite edits — the user's {@code -f} files in place, or one {@code --output}
 * file — held as text until everything is verified.
 */
final class EditedValues {
  private final RewriteRequest request;
  private final String chart;
  private final RepoRoot confinedTo;
  private final Map<Path, String> originals = new LinkedHashMap<>();
  private final Map<Path, ValuesEditor> editors = new LinkedHashMap<>();
  private final Map<Path, List<String>> edits = new LinkedHashMap<>();
  private final List<String> listNotes = new ArrayList<>();
  private final Map<Path, Path> snapshots = new LinkedHashMap<>();

  private EditedValues(RewriteRequest request, String chart, RepoRoot confinedTo) {
    this.request = request;
    this.chart = chart;
    this.confinedTo = confinedTo;
  }

  /**
   * Reads the files to edit; {@code workDir} holds the copies {@link #forRendering()} renders.
   *
   * @param confinedTo the repository the files must stay in, links resolved, when they were
   *     discovered there; {@code null} when the user named them
   */
  static EditedValues open(RewriteRequest request, String chart, Path workDir, RepoRoot confinedTo)
      throws KatafraktosException {
    EditedValues files = new EditedValues(request, chart, confinedTo);
    List<Path> editable =
        request.output() == null
            ? request.render().valuesFiles().stream()
                .filter(f -> !request.readOnly().contains(f))
                .toList()
            : List.of(request.output());
    if (editable.isEmpty()) {
      throw new KatafraktosException(
          chart,
          "Cannot rewrite "
              + chart
              + ": no values file to edit; name the file(s) to rewrite with -f VALUES, or write"
              + " the values to set to a new file with --output FILE",
          null);
    }
    for (Path file : editable) {
      String text = files.read(file, file.equals(request.output()));
      try {
        files.editors.put(file, ValuesEditor.parse(file, text));
      } catch (ValuesSyntaxException e) {
        // the message already ends "; file left unchanged", and no file is written before all parse
        throw new KatafraktosException(chart, e.getMessage(), e);
      }
      files.originals.put(file, text);
      files.edits.put(file, new ArrayList<>());
    }
    files.snapshot(workDir);
    return files;
  }

  private String read(Path file, boolean mayBeNew) throws KatafraktosException {
    try {
      return BoundedFiles.readString(confined(file, "nothing was changed"));
    } catch (NoSuchFileException e) {
      if (mayBeNew) {
        return "";
      }
      throw new KatafraktosException(chart, "Values file " + file + " does not exist", e);
    } catch (BoundedFiles.FileTooLargeException e) {
      throw new KatafraktosException(chart, "Values file " + e.getMessage(), e);
    } catch (MalformedInputException e) {
      throw new KatafraktosException(chart, "Values file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot read values file " + file + ": " + e, e);
    }
  }

  /**
   * The values files to render with before the rewrite: the user's, and an existing output. Each
   * file this rewrite edits is a copy of the text it was read as, so that every render of one
   * attempt sees the text the plan starts from, even while another process rewrites the file (that
   * change is found at write time, and the rewrite plans again).
   */
  List<Path> forRendering() {
    List<Path> files = new ArrayList<>();
    request.render().valuesFiles().forEach(f -> files.add(snapshots.getOrDefault(f, f)));
    Path output = request.output();
    if (output != null
        && Files.exists(output)
        && !request.render().valuesFiles().contains(output)) {
      files.add(snapshots.getOrDefault(output, output));
    }
    return files;
  }

  private void snapshot(Path dir) throws KatafraktosException {
    try {
      for (Map.Entry<Path, String> original : originals.entrySet()) {
        Path copy = Files.createTempFile(dir, "read-", ".yaml");
        Files.writeString(copy, original.getValue(), StandardCharsets.UTF_8);
        snapshots.put(original.getKey(), copy);
      }
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot write a temporary values file: " + e, e);
    }
  }

  /** {@link #forRendering()} with every edited file replaced by a copy of its new text. */
  List<Path> writeCopies(Path dir) throws KatafraktosException {
    List<Path> files = new ArrayList<>(request.render().valuesFiles());
    Path output = request.output();
    if (output != null && !files.contains(output)) {
      files.add(output);
    }
    List<Path> copies = new ArrayList<>();
    try {
      for (Path file : files) {
        ValuesEditor editor = editors.get(file);
        if (editor == null) {
          copies.add(file);
        } else {
          Path copy = Files.createTempFile(dir, "edited-", ".yaml");
          Files.writeString(copy, editor.text(), StandardCharsets.UTF_8);
          copies.add(copy);
        }
      }
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot write a temporary values file: " + e, e);
    }
    return copies;
  }

  /**
   * The paths a {@code --set} or {@code --set-string} entry sets, which no file edit can change.
   */
  Map<ValuePath, String> setOnCommandLine(Set<ValuePath> paths) {
    List<String> entries = new ArrayList<>(request.render().set());
    entries.addAll(request.render().setString());
    Map<ValuePath, String> out = new LinkedHashMap<>();
    for (ValuePath path : paths) {
      if (UserValues.setOnCommandLine(entries, path)) {
        out.put(path, path.toString());
      }
    }
    return out;
  }

  /**
   * Makes the edits; returns the file each value was set in. A value inside a list that a user's
   * file holds is edited in place; a list that only the chart's defaults hold is written whole
   * (from {@code effective}, the chart's values) into the last file, with only the planned values
   * changed, because helm replaces lists as a whole.
   */
  Map<ValuePath, Path> apply(Map<ValuePath, Object> values, Map<String, Object> effective)
      throws KatafraktosException {
    Map<ValuePath, Path> where = new LinkedHashMap<>();
    Map<ValuePath, Map<ValuePath, Object>> wholeLists = new LinkedHashMap<>();
    for (Map.Entry<ValuePath, Object> entry : values.entrySet()) {
      ValuePath path = entry.getKey();
      Optional<ValuePath> list = path.outermostList();
      if (list.isPresent() && definedIn(list.get()) == null) {
        wholeLists
            .computeIfAbsent(list.get(), k -> new LinkedHashMap<>())
            .put(path, entry.getValue());
        continue;
      }
      Path file = fileFor(path);
      edit(
          file,
          path + " = " + entry.getValue(),
          editor ->
              entry.getValue() instanceof Boolean b
                  ? editor.setBoolean(path, b)
                  : editor.set(path, (String) entry.getValue()));
      where.put(path, file);
    }
    for (Map.Entry<ValuePath, Map<ValuePath, Object>> entry : wholeLists.entrySet()) {
      ValuePath list = entry.getKey();
      Path file = lastFile();
      List<?> whole;
      try {
        whole = WholeLists.edited(effective, list, entry.getValue());
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new KatafraktosException(
            chart,
            "Cannot rewrite " + chart + ": " + list + " is no list in the chart's values",
            e);
      }
      List<String> lines = new ArrayList<>();
      entry.getValue().forEach((path, value) -> lines.add(path + " = " + value));
      edit(file, String.join(", ", lines), editor -> editor.setTree(list, whole));
      entry.getValue().keySet().forEach(path -> where.put(path, file));
      listNotes.add(
          list
              + ": the chart's defaults hold this list and helm replaces a list as a whole, so the"
              + " whole list ("
              + whole.size()
              + (whole.size() == 1 ? " item" : " items")
              + ") goes into "
              + file
              + " with only its image values changed");
    }
    return where;
  }

  private interface Edit {
    ValuesEditor apply(ValuesEditor editor) throws EditException;
  }

  private void edit(Path file, String summary, Edit edit) throws KatafraktosException {
    try {
      ValuesEditor before = editors.get(file);
      ValuesEditor after = edit.apply(before);
      editors.put(file, after);
      if (!after.text().equals(before.text())) {
        edits.get(file).add(summary);
      }
    } catch (EditException e) {
      throw new KatafraktosException(
          chart, "Cannot rewrite " + chart + ": " + e.getMessage() + "; nothing was changed", e);
    }
  }

  /** The last editable file that sets {@code path}, or null. */
  private Path definedIn(ValuePath path) {
    Path chosen = null;
    for (Map.Entry<Path, ValuesEditor> e : editors.entrySet()) {
      if (UserValues.defines(e.getValue().text(), path)) {
        chosen = e.getKey();
      }
    }
    return chosen;
  }

  private Path lastFile() {
    return List.copyOf(editors.keySet()).get(editors.size() - 1);
  }

  /** The last file that sets the path already, else the last file (it takes precedence). */
  private Path fileFor(ValuePath path) {
    Path chosen = definedIn(path);
    return chosen != null ? chosen : lastFile();
  }

  boolean changed() {
    return editors.entrySet().stream()
        .anyMatch(e -> !e.getValue().text().equals(originals.get(e.getKey())));
  }

  /**
   * Writes every changed file; all are checked for writability first so none is half done, and none
   * is written if another process changed one since it was read ({@link ValuesChangedException}:
   * plan again).
   */
  void write() throws KatafraktosException {
    List<Path> changed =
        editors.keySet().stream()
            .filter(f -> !editors.get(f).text().equals(originals.get(f)))
            .toList();
    try {
      for (Path file : changed) {
        AtomicFiles.checkWritable(confined(file, "nothing was changed"));
      }
      List<LockedReplace.Change> replacements = new ArrayList<>();
      for (Path file : changed) {
        // checked again here: a link swapped since the file was read must not be written through
        replacements.add(
            new LockedReplace.Change(
                confined(file, "it was not written"),
                originals.get(file),
                editors.get(file).text()));
      }
      LockedReplace.write(replacements);
    } catch (FileChangedException e) {
      throw new ValuesChangedException(chart, e.getMessage(), e);
    } catch (FileNotWritableException e) {
      // the message names the file and says what was left as it was
      throw new KatafraktosException(chart, e.getMessage(), e);
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot write " + changed + ": " + e, e);
    }
  }

  /**
   * Where {@code file} is really read or written: its real path, when it was discovered in a
   * repository and no link leads it outside; the file as named otherwise.
   *
   * @throws KatafraktosException a link leads it outside the repository; nothing was written
   */
  private Path confined(Path file, String outcome) throws KatafraktosException, IOException {
    if (confinedTo == null) {
      return file;
    }
    try {
      return confinedTo.realPath(file, "values file");
    } catch (OutsideRepositoryException e) {
      throw new KatafraktosException(
          chart, "Cannot rewrite " + chart + ": " + e.getMessage() + "; " + outcome, e);
    }
  }

  List<FileChange> changes() {
    List<FileChange> out = new ArrayList<>();
    editors.forEach(
        (file, editor) ->
            out.add(new FileChange(file, originals.get(file), editor.text(), edits.get(file))));
    return out;
  }

  /** What the rewrite should say about lists it wrote whole. */
  List<String> listNotes() {
    return List.copyOf(listNotes);
  }

  List<String> warnings() {
    List<String> out = new ArrayList<>();
    editors.values().forEach(e -> out.addAll(e.warnings()));
    return out.stream().distinct().toList();
  }
}
