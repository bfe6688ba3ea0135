package dev.katafraktos.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Checks on user values files, so a bad one is named with its position before helm runs. */
final class ValuesFiles {
  private ValuesFiles() {}

  static void requireReadable(RenderRequest request, Path file) throws RenderException {
    String chart = request.chart().toString();
    if (!Files.isRegularFile(file)) {
      throw new RenderException(chart, null, "Values file not found: " + file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot read values file " + file + ": " + e.getMessage());
    }
    try {
      for (Object ignored : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
        // parsing every document is the check
      }
    } catch (MarkedYamlEngineException e) {
      throw new RenderException(chart, null, "Invalid YAML in values file " + file + describe(e));
    } catch (YamlEngineException e) {
      throw new RenderException(chart, null, "Invalid YAML in values file " + file + ": " + e.getMessage());
    }
  }

  /** {@code :line:column: problem (context at line:column)}, one-based as editors count. */
  private static String describe(MarkedYamlEngineException e) {
    StringBuilder text = new StringBuilder();
    Optional<Mark> problem = e.getProblemMark();
    problem.ifPresent(m -> text.append(':').append(m.getLine() + 1).append(':').append(m.getColumn() + 1));
    text.append(": ").append(e.getProblem());
    if (e.getContext() != null) {
      text.append(" (").append(e.getContext());
      e.getContextMark().ifPresent(m -> text.append(" at ").append(m.getLine() + 1).append(':').append(m.getColumn() + 1));
      text.append(')');
    }
    return text.toString();
  }
}
