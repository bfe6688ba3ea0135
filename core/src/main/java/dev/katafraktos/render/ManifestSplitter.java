package dev.katafraktos.render;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code helm template} output into documents, keeping each one's {@code # Source:}. */
public final class ManifestSplitter {
  private static final String SOURCE = "# Source: ";

  private ManifestSplitter() {}

  public static List<RenderedDocument> split(String helmOutput) {
    List<RenderedDocument> documents = new ArrayList<>();
    String source = null;
    StringBuilder body = new StringBuilder();
    for (String line : helmOutput.split("\r?\n", -1)) {
      if (line.equals("---") || line.startsWith("--- ")) {
        add(documents, source, body);
        source = null;
        body.setLength(0);
      } else if (line.startsWith(SOURCE) && body.toString().isBlank()) {
        source = line.substring(SOURCE.length()).strip();
      } else {
        body.append(line).append('\n');
      }
    }
    add(documents, source, body);
    return documents;
  }

  private static void add(List<RenderedDocument> documents, String source, StringBuilder body) {
    String content = body.toString();
    boolean onlyComments =
        content.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    if (!onlyComments) {
      documents.add(new RenderedDocument(source, content));
    }
  }
}
