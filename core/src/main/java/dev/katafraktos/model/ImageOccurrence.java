package dev.katafraktos.model;

import java.util.Objects;

/**
 * One place in a rendered chart where an image reference occurs.
 *
 * @param image the image exactly as rendered (for args, the reference taken out of the argument);
 *     {@code null} when the value names no repository, e.g. a custom resource with only {@code
 *     {tag: v1}}
 * @param value the raw value found (the whole argument, or a mapping printed as JSON)
 * @param kind the kind of the document, e.g. {@code Deployment}
 * @param name the {@code metadata.name} of the document
 * @param namespace the {@code metadata.namespace} of the document, or {@code null}
 * @param container the container name, {@code null} outside pod templates
 * @param containerType the container list, {@code null} outside pod templates
 * @param source the template path from the {@code # Source:} comment, e.g. {@code
 *     chart/templates/deployment.yaml}
 * @param path the JSON pointer to the value inside the document; for config data the pointer of the
 *     data key, then {@code #}, then a pointer inside the parsed value or {@code L<line>}
 * @param origin where the reference was found
 */
public record ImageOccurrence(
    String image,
    String value,
    String kind,
    String name,
    String namespace,
    String container,
    ContainerType containerType,
    String source,
    String path,
    Origin origin) {

  public ImageOccurrence {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(path, "path");
  }
}
