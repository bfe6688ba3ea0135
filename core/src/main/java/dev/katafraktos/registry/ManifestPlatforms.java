package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a manifest body says about itself: its media type (when the Content-Type does not) and the
 * {@code os/arch[/variant]} of each entry of an index or Docker manifest list.
 */
final class ManifestPlatforms {
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  /** Every manifest type we understand; without it distribution 2.8 hides OCI content. */
  static final String ACCEPT =
      String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private final JsonNode root;

  private ManifestPlatforms(JsonNode root) {
    this.root = root;
  }

  static ManifestPlatforms parse(byte[] body) throws RegistryJson.UnreadableException {
    return new ManifestPlatforms(RegistryJson.read(body));
  }

  String mediaType() {
    String declared = root.path("mediaType").asText("");
    if (!declared.isEmpty()) {
      return declared;
    }
    // an OCI index may omit mediaType; it is the one with "manifests"
    return root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
  }

  /** The digest of a single image's config blob, or empty for an index. */
  java.util.Optional<String> configDigest() {
    String digest = root.path("config").path("digest").asText("");
    return digest.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(digest);
  }

  /** {@code os/arch[/variant]} of an image config blob, or empty when it does not say. */
  static List<String> configPlatform(byte[] config) throws RegistryJson.UnreadableException {
    JsonNode c = RegistryJson.read(config);
    String os = c.path("os").asText("");
    String arch = c.path("architecture").asText("");
    if (os.isEmpty() || arch.isEmpty()) {
      return List.of();
    }
    String variant = c.path("variant").asText("");
    return List.of(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
  }

  /** {@code os/arch[/variant]} per entry of an index, in its order; empty for a single image. */
  List<String> platforms() {
    List<String> result = new ArrayList<>();
    for (JsonNode entry : root.path("manifests")) {
      JsonNode p = entry.path("platform");
      String os = p.path("os").asText("");
      String arch = p.path("architecture").asText("");
      if (os.isEmpty() || arch.isEmpty() || "unknown".equals(os)) {
        continue; // attestation manifests say unknown/unknown
      }
      String variant = p.path("variant").asText("");
      result.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
    }
    return result;
  }
}
