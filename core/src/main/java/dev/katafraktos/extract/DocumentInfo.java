package dev.katafraktos.extract;

import dev.katafraktos.model.ContainerType;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;

/**
 * The object an occurrence belongs to.
 *
 * @param kind {@code kind} of the object, or {@code null}
 * @param name {@code metadata.name}, or {@code null}
 * @param namespace {@code metadata.namespace}, or {@code null}
 * @param source the {@code # Source:} template path, or {@code null}
 */
record DocumentInfo(String kind, String name, String namespace, String source) {

  static DocumentInfo of(Node.Mapping object, String source) {
    Node.Mapping metadata = object.mapping("metadata");
    return new DocumentInfo(
        object.text("kind"),
        metadata == null ? null : metadata.text("name"),
        metadata == null ? null : metadata.text("namespace"),
        source);
  }

  /** An occurrence in a container of a pod template. */
  ImageOccurrence inContainer(
      String image, String value, Container container, String path, Origin origin) {
    return new ImageOccurrence(
        image,
        value,
        kind,
        name,
        namespace,
        container.name(),
        container.type(),
        source,
        path,
        origin);
  }

  /** An occurrence found by {@link ImageFields} in the tree below {@code pathPrefix}. */
  ImageOccurrence field(ImageFields.Found found, String pathPrefix, Origin origin) {
    return new ImageOccurrence(
        found.image(),
        found.value(),
        kind,
        name,
        namespace,
        null,
        null,
        source,
        pathPrefix + found.path(),
        origin,
        found.reason());
  }

  /** A container of a pod template: its mapping, where it is, which list it is in. */
  record Container(Node.Mapping node, String path, String name, ContainerType type) {}
}
