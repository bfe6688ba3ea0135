package dev.katafraktos.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the text {@code helm template} prints into its documents.
 *
 * <p>Helm prints every manifest as {@code ---}, then {@code # Source: <template path>}, then the
 * manifest (helm's {@code pkg/action/install.go}). The splitter follows the YAML rule for document
 * markers instead of that exact layout, so that output from other renderers (helm 4, helm-java,
 * post-renderers, hand-written files) splits the same way:
 *
 * <ul>
 *   <li>a line {@code ---}, alone or followed by blanks or a comment, starts a new document; a line
 *       {@code --- <content>} starts one and stays part of it (the content is YAML);
 *   <li>a line {@code ...} ends the current document;
 *   <li>the first {@code # Source:} comment before the document's first content line is its source;
 *       later ones are comments of the template itself;
 *   <li>documents with nothing but blanks and comments are dropped: they hold no object, and helm
 *       itself drops empty manifests.
 * </ul>
 *
 * <p>A document's content is its text verbatim, without the {@code ---} line, so that line numbers
 * in parse errors count from the line after the separator.
 */
public final class ManifestSplitter {

  private static final Pattern SEPARATOR = Pattern.compile("^---(?:[ \\t]+(.*))?$");
  private static final Pattern SOURCE = Pattern.compile("^#\\s*Source:\\s*(.*?)\\s*$");

  private ManifestSplitter() {}

  /** The documents of {@code helmOutput} in order; empty documents are left out. */
  public static List<RenderedDocument> split(String helmOutput) {
    List<RenderedDocument> documents = new ArrayList<>();
    Chunk chunk = new Chunk();
    String text = helmOutput.endsWith("\n") ? helmOutput : helmOutput + "\n";
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      Matcher separator = SEPARATOR.matcher(bare);
      if (separator.matches()) {
        chunk.addTo(documents);
        chunk = new Chunk();
        String rest = separator.group(1);
        if (rest != null && !rest.isBlank() && !rest.startsWith("#")) {
          // "--- {a: 1}" or "--- !tag": the marker must stay for the content to parse
          chunk.add(line, bare);
        }
      } else if (bare.equals("...")) {
        chunk.addTo(documents);
        chunk = new Chunk();
      } else {
        chunk.add(line, bare);
      }
    }
    chunk.addTo(documents);
    return List.copyOf(documents);
  }

  /** The lines of one document while they are collected. */
  private static final class Chunk {
    private final StringBuilder text = new StringBuilder();
    private String source;
    private boolean hasContent;

    void add(String line, String bare) {
      String trimmed = bare.strip();
      if (!hasContent && trimmed.startsWith("#")) {
        Matcher m = SOURCE.matcher(trimmed);
        if (source == null && m.matches() && !m.group(1).isEmpty()) {
          source = m.group(1);
        }
      } else if (!trimmed.isEmpty()) {
        hasContent = true;
      }
      text.append(line).append('\n');
    }

    void addTo(List<RenderedDocument> documents) {
      if (hasContent) {
        documents.add(new RenderedDocument(source, text.toString()));
      }
    }
  }
}
