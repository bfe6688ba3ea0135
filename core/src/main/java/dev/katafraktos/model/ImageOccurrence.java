package dev.katafraktos.model;

import java.util.Objects;

/**
 * One place in a rendered chart where an image reference occurs.
 *
 * @param image the image exactly as rendered (for args, the reference taken out of the argument);
 *     {@code null} when the value does not name an image by itself, e.g. a custom resource with
 *     only {@code {tag: v1}}, or a bare name that a program composes with other values at run time
 *     (then {@link #unresolvedReason()} says which)
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
 * @param unresolvedReason why {@code image} is {@code null}, for people reading a report (e.g.
 *     {@value #NO_REPOSITORY}); {@code null} when {@code image} is set
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
    Origin origin,
    String unresolvedReason) {

  /** The reason of an image mapping that holds no repository: the program chooses it. */
  public static final String NO_REPOSITORY = "no repository; the program that reads it chooses one";

  /**
   * The reason of a bare name ({@code proxyv2}) outside pod templates that no pod runs: a program
   * composes the image from it and other values (a hub, a tag) at run time, so the name alone is
   * not the image it pulls.
   */
  public static final String BARE_NAME = "bare name; composed at run time with other values";

  /**
   * The reason of an image line of a Go template carried in configuration ({@code image: "{{
   * .ProxyImage }}"}): the program that reads the configuration fills it in, per workload.
   */
  public static final String TEMPLATE =
      "Go template; filled in at run time by the program reading it";

  public ImageOccurrence {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(path, "path");
  }

  /** An occurrence whose {@code image} is set, or is {@code null} for {@link #NO_REPOSITORY}. */
  public ImageOccurrence(
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
    this(
        image,
        value,
        kind,
        name,
        namespace,
        container,
        containerType,
        source,
        path,
        origin,
        image == null ? NO_REPOSITORY : null);
  }

  /** This occurrence with no image, for {@code reason}. */
  public ImageOccurrence unresolved(String reason) {
    return new ImageOccurrence(
        null, value, kind, name, namespace, container, containerType, source, path, origin, reason);
  }
}
