package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds image keys anywhere in a tree: custom resources' {@code spec.image}, {@code spec.*.image},
 * and image keys inside YAML config data.
 *
 * <p>The value of an image key counts when it is a string with the reference grammar, or a mapping
 * in the shape charts use for images ({@code registry}/{@code repository}/{@code name}/{@code
 * tag}/{@code digest}), even one that holds only a tag, as VictoriaMetrics' {@code {tag:
 * v1.150.0}}: a mirroring tool still needs to know that the operator pulls something there.
 */
final class ImageFields {

  private static final List<String> IMAGE_PARTS =
      List.of("registry", "repository", "name", "tag", "digest");

  // an operator's image split over sibling keys, as NVIDIA's ClusterPolicy has it:
  // driver: {repository: nvcr.io/nvidia, image: driver, version: "550.90.07"}
  private static final List<String> SPLIT_PARTS =
      List.of("registry", "repository", "image", "name", "version", "tag", "digest");

  /**
   * An image value found in a tree.
   *
   * @param image the reference, or {@code null} when a mapping names no repository
   * @param value the string, or the mapping as compact JSON
   * @param path the JSON pointer from the root of the scanned tree
   * @param reason why {@code image} is {@code null} ({@link ImageOccurrence#unresolvedReason()})
   */
  record Found(String image, String value, String path, String reason) {
    /** A value that names its image, or a mapping without a repository. */
    Found(String image, String value, String path) {
      this(image, value, path, image == null ? ImageOccurrence.NO_REPOSITORY : null);
    }
  }

  private ImageFields() {}

  /**
   * Reports every image value below {@code root} (whose pointer is {@code rootPath}) to {@code
   * found}, in document order, without entering the subtrees at the pointers in {@code skip}.
   */
  static void scan(Node root, String rootPath, Set<String> skip, Consumer<Found> found) {
    if (skip.contains(rootPath)) {
      return;
    }
    if (root instanceof Node.Mapping mapping) {
      Found split = splitImage(mapping, rootPath, false);
      if (split != null) {
        found.accept(split);
      }
      mapping
          .entries()
          .forEach(
              (key, value) -> {
                String path = Pointers.child(rootPath, key);
                if (skip.contains(path) || (split != null && SPLIT_PARTS.contains(key))) {
                  return;
                }
                Found image = ImageRules.isImageKey(key) ? imageValue(value, path) : null;
                if (image != null) {
                  found.accept(image);
                } else {
                  scan(value, path, skip, found);
                }
              });
    } else if (root instanceof Node.Sequence sequence) {
      List<Node> items = sequence.items();
      for (int i = 0; i < items.size(); i++) {
        scan(items.get(i), Pointers.child(rootPath, i), skip, found);
      }
    }
  }

  /**
   * The image of a mapping whose {@code image} (or, under an image key, {@code name}) sits beside a
   * {@code repository} or {@code registry} and a {@code version} or {@code tag}: one image, as the
   * operator composes it, at the mapping's path, with the mapping as the value (as for {@code
   * {repository, tag}}); {@code null} for any other mapping. Elsewhere {@code name} is too common a
   * key ({@code {name, repository, version}} is a Helm chart dependency), and parts that make no
   * reference are no image.
   */
  private static Found splitImage(Node.Mapping mapping, String path, boolean underImageKey) {
    String nameKey = mapping.get("image") != null || !underImageKey ? "image" : "name";
    if (!(mapping.get(nameKey) instanceof Node.Scalar name && name.isString())
        || !(hasScalar(mapping, "repository") || hasScalar(mapping, "registry"))
        || !(hasScalar(mapping, "version") || hasScalar(mapping, "tag"))) {
      return null;
    }
    String image = composeSplit(mapping, name.text());
    return image == null && !underImageKey ? null : new Found(image, mapping.toJson(), path);
  }

  /**
   * {@code registry/repository/image:version} (a version {@code sha256:...} as a digest), or the
   * image alone when there is neither repository nor version, as NVIDIA's gpu-operator composes it
   * ({@code ImagePath} in its {@code internal/image} package); {@code null} when that is no
   * reference.
   */
  private static String composeSplit(Node.Mapping mapping, String name) {
    String prefix =
        String.join(
            "/",
            Stream.of(mapping.text("registry"), mapping.text("repository"))
                .filter(p -> p != null && !p.isBlank())
                .toList());
    String version =
        mapping.text("version") != null ? mapping.text("version") : mapping.text("tag");
    String digest = mapping.text("digest");
    String image = (prefix.isEmpty() ? "" : prefix + "/") + name;
    if (version != null && !version.isBlank()) {
      image += (version.startsWith("sha256:") ? "@" : ":") + version;
    }
    if (digest != null && !digest.isBlank()) {
      image += "@" + digest;
    }
    return ImageRules.isReference(image) ? image : null;
  }

  private static boolean hasScalar(Node.Mapping mapping, String key) {
    return mapping.get(key) instanceof Node.Scalar;
  }

  /** The image a value under an image key stands for, or {@code null} when it is none. */
  private static Found imageValue(Node value, String path) {
    if (value instanceof Node.Scalar scalar) {
      if (scalar.isString() && scalar.text().contains("{{") && scalar.text().contains("}}")) {
        // a template the reading program fills in (Argo's "{{inputs.parameters.image}}")
        return new Found(null, scalar.text(), path, ImageOccurrence.TEMPLATE);
      }
      // booleans, numbers and nulls (alwaysPullImage: false) are settings, not images
      return scalar.isString() && ImageRules.isReference(scalar.text())
          ? new Found(scalar.text(), scalar.text(), path)
          : null;
    }
    if (value instanceof Node.Mapping mapping) {
      // Kubernetes' ImageVolumeSource: volumes[].image.reference is a full reference
      String reference = mapping.text("reference");
      if (reference != null && ImageRules.isReference(reference)) {
        return new Found(reference, mapping.toJson(), path);
      }
      Found split = splitImage(mapping, path, true);
      if (split != null) {
        return split;
      }
      if (IMAGE_PARTS.stream().anyMatch(part -> mapping.get(part) instanceof Node.Scalar)) {
        return new Found(compose(mapping), mapping.toJson(), path);
      }
    }
    return null;
  }

  /**
   * {@code [registry/]repository[:tag][@digest]}, with {@code name} standing for the repository
   * when there is none (JupyterHub's {@code image: {name: quay.io/jupyterhub/k8s-hub, tag:
   * 4.0.0}}), or {@code null} without either or when the parts do not make a reference (a digest
   * without its algorithm, say): the value still tells where the image is set.
   */
  private static String compose(Node.Mapping mapping) {
    String repository = mapping.text("repository");
    if (repository == null || repository.isBlank()) {
      repository = mapping.text("name");
    }
    if (repository == null || repository.isBlank()) {
      return null;
    }
    String registry = mapping.text("registry");
    String tag = mapping.text("tag");
    String digest = mapping.text("digest");
    String image =
        (registry == null || registry.isBlank() ? "" : registry + "/")
            + repository
            + (tag == null || tag.isBlank() ? "" : ":" + tag)
            + (digest == null || digest.isBlank() ? "" : "@" + digest);
    return ImageRules.isReference(image) ? image : null;
  }
}
