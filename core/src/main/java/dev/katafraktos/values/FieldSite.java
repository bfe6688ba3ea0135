package dev.katafraktos.values;

/**
 * One scalar of a render, stable across renders of the same chart with other values, as {@link
 * ImageSite} is: the template, which of its documents, and the JSON pointer inside the document.
 *
 * @param source the template path from {@code # Source:}
 * @param index the position among the documents of that template
 * @param pointer the JSON pointer of the scalar (RFC 6901 escaping)
 */
public record FieldSite(String source, int index, String pointer) {
  @Override
  public String toString() {
    return source + "#" + index + " " + pointer;
  }
}
