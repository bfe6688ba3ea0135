package dev.katafraktos.model;

/**
 * A rendered document that is not valid YAML, so its images cannot be listed.
 *
 * <p>Helm itself accepts such output from {@code helm template} (it only parses manifests when it
 * installs them), so a broken template first shows up here.
 */
public class ManifestParseException extends Exception {

  private final String source;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * @param source the template path from the document's {@code # Source:} comment, or {@code null}
   * @param line the 1-based line inside the document's text, counted after its {@code ---}
   * @param column the 1-based column
   * @param problem what the YAML parser found, e.g. {@code mapping values are not allowed here}
   */
  public ManifestParseException(String source, int line, int column, String problem) {
    super(
        "Cannot parse the document rendered from "
            + (source == null ? "a template without a # Source: comment" : source)
            + " at line "
            + line
            + ", column "
            + column
            + ": "
            + problem
            + "; run helm template on the chart and fix the YAML this template prints");
    this.source = source;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** The template path of the broken document, or {@code null} when it had no {@code # Source:}. */
  public String source() {
    return source;
  }

  /** The 1-based line inside the document. */
  public int line() {
    return line;
  }

  /** The 1-based column. */
  public int column() {
    return column;
  }

  /** The parser's description of the problem. */
  public String problem() {
    return problem;
  }
}
