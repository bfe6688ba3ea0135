package dev.katafraktos.render;

import dev.katafraktos.limits.BoundedFiles;
import dev.katafraktos.limits.BoundedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * User values files on their way to helm: checked first, so a bad one is named with its position
 * before helm runs, and copied to a scratch directory when helm could not take them as they are
 * (helm and helm-java both split a values-file argument on commas). Owned by one renderer.
 */
final class ValuesFiles implements AutoCloseable {
  private Path scratch;

  /**
   * Checks {@code file} and returns the path to give helm, after {@code rewrite} if it changes it.
   */
  String pathForHelm(RenderRequest request, Path file, UnaryOperator<String> rewrite)
      throws RenderException {
    String text = read(request, file);
    String rewritten = rewrite.apply(text);
    String path = file.toAbsolutePath().toString();
    return path.contains(",") || !rewritten.equals(text)
        ? write(request.chart().toString(), "values-", rewritten)
        : path;
  }

  /** Writes {@code content} to a new file of the scratch directory. */
  synchronized String write(String chart, String prefix, String content) throws RenderException {
    try {
      if (scratch == null) {
        scratch = Files.createTempDirectory("katafraktos-values-");
      }
      Path file = Files.createTempFile(scratch, prefix, ".yaml");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file.toString();
    } catch (IOException e) {
      throw new RenderException(
          chart, null, "Cannot write a temporary values file: " + e.getMessage());
    }
  }

  /** Reads a values file and checks that it is YAML. */
  static String read(RenderRequest request, Path file) throws RenderException {
    String chart = request.chart().toString();
    if (!Files.isRegularFile(file)) {
      throw new RenderException(chart, null, "Values file not found: " + file);
    }
    String text;
    try {
      text = BoundedFiles.readString(file);
    } catch (BoundedFiles.FileTooLargeException e) {
      throw new RenderException(chart, null, "Values file " + e.getMessage());
    } catch (IOException e) {
      throw new RenderException(
          chart, null, "Cannot read values file " + file + ": " + e.getMessage());
    }
    try {
      for (Object ignored : BoundedYaml.loadAll(BoundedYaml.settings(file.toString()), text)) {
        // parsing every document is the check
      }
    } catch (MarkedYamlEngineException e) {
      throw new RenderException(chart, null, "Invalid YAML in values file " + file + describe(e));
    } catch (YamlEngineException e) {
      throw new RenderException(
          chart, null, "Invalid YAML in values file " + file + ": " + e.getMessage());
    }
    return text;
  }

  /** {@code :line:column: problem (context at line:column)}, one-based as editors count. */
  private static String describe(MarkedYamlEngineException e) {
    StringBuilder text = new StringBuilder();
    Optional<Mark> problem = e.getProblemMark();
    problem.ifPresent(
        m -> text.append(':').append(m.getLine() + 1).append(':').append(m.getColumn() + 1));
    text.append(": ").append(e.getProblem());
    if (e.getContext() != null) {
      text.append(" (").append(e.getContext());
      e.getContextMark()
          .ifPresent(
              m ->
                  text.append(" at ")
                      .append(m.getLine() + 1)
                      .append(':')
                      .append(m.getColumn() + 1));
      text.append(')');
    }
    return text.toString();
  }

  @Override
  public synchronized void close() {
    if (scratch == null) {
      return;
    }
    try (Stream<Path> files = Files.list(scratch)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(scratch);
    } catch (IOException e) {
      // temporary values files left behind are harmless
    }
    scratch = null;
  }
}
