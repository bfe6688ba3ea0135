package dev.katafraktos.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chart that cannot be rendered: missing, not a chart, or a template error. */
public class RenderException extends Exception {

  // helm wraps nested include errors; the last "template: path:line:col:" names the innermost one
  private static final Pattern TEMPLATE_POSITION =
      Pattern.compile(
          "template: ([^\\s:]+(?::\\d+){1,2}):|execution error at \\(([^\\s:]+(?::\\d+){1,2})\\):");

  private final String chart;
  private final String template;
  private final String details;

  public RenderException(String chart, String template, String message) {
    this(chart, template, message, null);
  }

  private RenderException(String chart, String template, String message, String details) {
    super(message);
    this.chart = chart;
    this.template = template;
    this.details = details;
  }

  /**
   * Everything helm said, when the message is a one-line summary of it (e.g. each value a schema
   * rejected), or {@code null}.
   */
  public String details() {
    return details;
  }

  /** The chart as the user named it. */
  public String chart() {
    return chart;
  }

  /** The template (with line and column) that failed, or {@code null} when not a template error. */
  public String template() {
    return template;
  }

  /**
   * Turns helm's error text into one line: the innermost template position and the root cause, e.g.
   * {@code template mychart/templates/deployment.yaml:5:12: error calling required: image.tag is
   * required}.
   */
  public static RenderException fromHelmError(String chart, String helmMessage) {
    String text = helmMessage == null ? "" : helmMessage.strip();
    text = text.replaceFirst("^Error: ", "");
    int debugHint = text.indexOf("\n\nUse --debug flag");
    if (debugHint >= 0) {
      text = text.substring(0, debugHint);
    }
    String template = null;
    Matcher m = TEMPLATE_POSITION.matcher(text);
    int causeFrom = -1;
    while (m.find()) {
      template = m.group(1) != null ? m.group(1) : m.group(2);
      causeFrom = m.end();
    }
    String cause = text;
    int lastAt = text.lastIndexOf(">: ");
    if (template != null && lastAt >= causeFrom) {
      cause = text.substring(lastAt + 3);
    } else if (template != null) {
      // fail and required put their message after the position, sometimes on the next lines
      cause = text.substring(causeFrom);
    }
    cause = cause.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    String message =
        "Cannot render chart "
            + chart
            + (template == null ? "" : ": template " + template)
            + ": "
            + cause;
    return new RenderException(chart, template, message, text);
  }
}
