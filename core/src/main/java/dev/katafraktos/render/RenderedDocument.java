package dev.katafraktos.render;

import java.util.Objects;

/**
 * One YAML document of a rendered chart.
 *
 * @param source the template path from the {@code # Source:} comment that precedes the document
 *     (e.g. {@code redis/templates/master/application.yaml}), or {@code null} when there is none
 * @param content the document's YAML text, without the {@code ---} separator
 */
public record RenderedDocument(String source, String content) {
  public RenderedDocument {
    Objects.requireNonNull(content, "content");
  }
}
