package dev.katafraktos.api;

import dev.katafraktos.api.RewriteResult.FileChange;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.rewrite.AtomicFiles;
import dev.katafraktos.rewrite.EditException;
import dev.katafraktos.rewrite.FileNotWritableException;
import dev.katafraktos.rewrite.ValuesEditor;
import dev.katafraktos.rewrite.ValuesSyntaxException;
import dev.katafraktos.values.UserValues;
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
import java.util.Set;

/**
 * The values files a rewrite edits — the user's {@code -f} files in place, or one {@code --output}
 * file — held as text until everything is verified.
 */
final class EditedValues {
  private final RewriteRequest request;
  private final String chart;
  private final Map<Path, String> originals = new LinkedHashMap<>();
  private final Map<Path, ValuesEditor> editors = new LinkedHashMap<>();
  private final Map<Path, List<String>> edits = new LinkedHashMap<>();

  private EditedValues(RewriteRequest request, String chart) {
    this.request = request;
    this.chart = chart;
  }

  static EditedValues open(RewriteRequest request, String chart) throws KatafraktosException {
    EditedValues files = new EditedValues(request, chart);
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
    return files;
  }

  private String read(Path file, boolean mayBeNew) throws KatafraktosException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (mayBeNew) {
        return "";
      }
      throw new KatafraktosException(chart, "Values file " + file + " does not exist", e);
    } catch (MalformedInputException e) {
      throw new KatafraktosException(chart, "Values file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot read values file " + file + ": " + e, e);
    }
  }

  /** The values files to render with before the rewrite: the user's, and an existing output. */
  List<Path> forRendering() {
    List<Path> files = new ArrayList<>(request.render().valuesFiles());
    Path output = request.output();
    if (output != null && Files.exists(output) && !files.contains(output)) {
      files.add(output);
    }
    return files;
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

  /** Makes the edits; returns the file each value was set in. */
  Map<ValuePath, Path> apply(Map<ValuePath, Object> values) throws KatafraktosException {
    Map<ValuePath, Path> where = new LinkedHashMap<>();
    for (Map.Entry<ValuePath, Object> entry : values.entrySet()) {
      ValuePath path = entry.getKey();
      Path file = fileFor(path);
      try {
        ValuesEditor before = editors.get(file);
        ValuesEditor after =
            entry.getValue() instanceof Boolean b
                ? before.setBoolean(path, b)
                : before.set(path, (String) entry.getValue());
        editors.put(file, after);
        if (!after.text().equals(before.text())) {
          edits.get(file).add(path + " = " + entry.getValue());
        }
      } catch (EditException e) {
        throw new KatafraktosException(
            chart, "Cannot rewrite " + chart + ": " + e.getMessage() + "; nothing was changed", e);
      }
      where.put(path, file);
    }
    return where;
  }

  /** The last file that sets the path already, else the last file (it takes precedence). */
  private Path fileFor(ValuePath path) {
    Path chosen = null;
    for (Map.Entry<Path, ValuesEditor> e : editors.entrySet()) {
      if (UserValues.defines(e.getValue().text(), path)) {
        chosen = e.getKey();
      }
    }
    return chosen != null ? chosen : List.copyOf(editors.keySet()).get(editors.size() - 1);
  }

  boolean changed() {
    return editors.entrySet().stream()
        .anyMatch(e -> !e.getValue().text().equals(originals.get(e.getKey())));
  }

  /** Writes every changed file; all are checked for writability first so none is half done. */
  void write() throws KatafraktosException {
    List<Path> changed =
        editors.keySet().stream()
            .filter(f -> !editors.get(f).text().equals(originals.get(f)))
            .toList();
    Path current = null;
    try {
      for (Path file : changed) {
        current = file;
        AtomicFiles.checkWritable(file);
      }
      for (Path file : changed) {
        current = file;
        AtomicFiles.write(file, editors.get(file).text());
      }
    } catch (FileNotWritableException e) {
      throw new KatafraktosException(chart, e.getMessage(), e);
    } catch (IOException e) {
      throw new KatafraktosException(chart, "Cannot write " + current + ": " + e.getMessage(), e);
    }
  }

  List<FileChange> changes() {
    List<FileChange> out = new ArrayList<>();
    editors.forEach(
        (file, editor) ->
            out.add(new FileChange(file, originals.get(file), editor.text(), edits.get(file))));
    return out;
  }

  List<String> warnings() {
    List<String> out = new ArrayList<>();
    editors.values().forEach(e -> out.addAll(e.warnings()));
    return out.stream().distinct().toList();
  }
}
