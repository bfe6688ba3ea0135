package dev.katafraktos.registry;

import java.util.List;
import java.util.Objects;

/**
 * An artifact as {@code GET .../artifacts/{reference}?with_scan_overview=true} describes it.
 *
 * @param mediaType the manifest media type ({@code manifest_media_type}, else {@code media_type}):
 *     the one that tells an image index from an image, which matters to Harbor's pull policy
 * @param scan the vulnerability scan overview; null when the artifact was never scanned
 */
public record HarborArtifact(String digest, String mediaType, List<String> tags, HarborScan scan) {

  private static final List<String> INDEX_MEDIA_TYPES =
      List.of(
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  public HarborArtifact {
    Objects.requireNonNull(digest, "digest");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Whether this is a multi-platform image index (manifest list) rather than one image. */
  public boolean imageIndex() {
    return mediaType != null && INDEX_MEDIA_TYPES.contains(mediaType);
  }
}
