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
    // one pass over line starts: only lines that may be markers, and the lines before a
    // document's first content, are looked at; a document's text is one substring
    String text = helmOutput.endsWith("\n") ? helmOutput : helmOutput + "\n";
    List<RenderedDocument> documents = new ArrayList<>();
    Document document = new Document(0);
    int pos = 0;
    while (pos < text.length()) {
      int newline = text.indexOf('\n', pos);
      int next = newline + 1;
      int bareEnd = newline > pos && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
      char first = text.charAt(pos);
      if (first == '-' || first == '.') {
        String bare = text.substring(pos, bareEnd);
        Matcher separator = SEPARATOR.matcher(bare);
        if (separator.matches()) {
          document.addTo(documents, text, pos);
          String rest = separator.group(1);
          // "--- {a: 1}" or "--- !tag": the marker must stay for the content to parse
          boolean keep = rest != null && !rest.isBlank() && !rest.startsWith("#");
          String carried = document.hasContent ? null : document.source();
          document = new Document(keep ? pos : next);
          document.inherited = carried;
          if (keep) {
            document.look(bare);
          }
          pos = next;
          continue;
        }
        if (bare.equals("...")) {
          document.addTo(documents, text, pos);
          document = new Document(next);
          pos = next;
          continue;
        }
      }
      if (!document.hasContent) {
        document.look(text.substring(pos, bareEnd));
      }
      pos = next;
    }
    document.addTo(documents, text, text.length());
    return List.copyOf(documents);
  }

  /** One document while its lines are read. */
  private static final class Document {
    private final int start;
    private String source;
    private boolean hasContent;

    /**
     * The source of an empty document just before, for a file that begins with its own {@code ---}
     * (helm prints {@code # Source: velero/crds/backups.yaml}, then the file's {@code ---}, then
     * the object): without it, such a CRD would lose the source that tells it is one.
     */
    private String inherited;

    Document(int start) {
      this.start = start;
    }

    /** Reads a line before the document's first content: a source comment, or content. */
    void look(String line) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        Matcher m = SOURCE.matcher(trimmed);
        if (source == null && m.matches() && !m.group(1).isEmpty()) {
          source = m.group(1);
        }
      } else if (!trimmed.isEmpty()) {
        hasContent = true;
      }
    }

    String source() {
      return source != null ? source : inherited;
    }

    void addTo(List<RenderedDocument> documents, String text, int end) {
      if (hasContent) {
        documents.add(new RenderedDocument(source(), text.substring(start, end)));
      }
    }
  }
}
