package dev.katafraktos.releases;

import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.limits.InputLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The documents of one YAML file as {@link YNode}s that remember their text: the one class of this
 * package that parses.
 */
final class YamlFile {
  private final Path file;
  private final String text;
  private final boolean simpleChars;
  private final List<YNode> documents = new ArrayList<>();

  private YamlFile(Path file, String text) {
    this.file = file;
    this.text = text;
    this.simpleChars = text.length() == text.codePointCount(0, text.length());
  }

  /**
   * Reads and parses {@code file}.
   *
   * @param label how messages name the file, e.g. its path inside the repository
   */
  static YamlFile read(Path file, String label) throws Invalid {
    String text;
    try {
      if (Files.size(file) > InputLimits.FILE_BYTES) {
        throw new Invalid(label + " is larger than " + InputLimits.FILE_BYTES + " bytes; refused");
      }
      // strict: a binary or Latin-1 file is reported, not read as replacement characters
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Invalid(label + " is not UTF-8 text");
    } catch (IOException e) {
      throw new Invalid("cannot read " + label + ": " + e.getMessage());
    }
    return parse(file, label, text);
  }

  static YamlFile parse(Path file, String label, String text) throws Invalid {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    YamlFile parsed = new YamlFile(file, text);
    LoadSettings settings = BoundedYaml.settings(label);
    try {
      for (Node node : BoundedYaml.composeAll(settings, text)) {
        parsed.documents.add(new YNode(node, parsed));
      }
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String where =
          mark == null ? label : label + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new Invalid("invalid YAML at " + where + ": " + oneLine(problem));
    } catch (YamlEngineException e) {
      throw new Invalid("invalid YAML in " + label + ": " + oneLine(e.getMessage()));
    }
    return parsed;
  }

  Path file() {
    return file;
  }

  String text() {
    return text;
  }

  /** Every document, in order; an empty document is a null scalar, a comment-only file has none. */
  List<YNode> documents() {
    return documents;
  }

  /** Marks count code points; Java strings count UTF-16 chars. */
  int offset(Mark mark) {
    return simpleChars ? mark.getIndex() : text.offsetByCodePoints(0, mark.getIndex());
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /** A file that cannot be read as YAML; the message says where and why, on one line. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }
}
