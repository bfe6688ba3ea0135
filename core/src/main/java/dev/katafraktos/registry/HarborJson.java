package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the spec's {@code Project} and {@code Artifact} bodies into our records. Tree reading, not
 * data binding: we need six fields of bodies with dozens, and Harbor adds fields between releases.
 */
final class HarborJson {
  /**
   * The report MIME types Harbor's pull policy reads, in its order of preference (scan controller
   * {@code GetVulnerable}: the native report first, then the generic one).
   */
  private static final List<String> VULNERABILITY_REPORTS =
      List.of(
          "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0",
          "application/vnd.security.vulnerability.report; version=1.1");

  private HarborJson() {}

  static HarborProject project(JsonNode body) {
    JsonNode metadata = body.path("metadata");
    // registry_id is omitted (go-swagger omitempty) or 0 for a project that is not a proxy cache
    long registryId = body.path("registry_id").asLong(0);
    return new HarborProject(
        body.path("name").asText(),
        body.path("project_id").asLong(),
        registryId == 0 ? null : registryId,
        // ProjectMetadata holds every value as a string: "true", not true
        "true".equalsIgnoreCase(text(metadata, "prevent_vul")),
        text(metadata, "severity"),
        "true".equalsIgnoreCase(text(metadata, "auto_scan")));
  }

  static HarborArtifact artifact(JsonNode body) {
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : body.path("tags")) {
      String name = text(tag, "name");
      if (name != null) {
        tags.add(name);
      }
    }
    String mediaType = text(body, "manifest_media_type");
    return new HarborArtifact(
        body.path("digest").asText(),
        mediaType != null ? mediaType : text(body, "media_type"),
        tags,
        scan(body.path("scan_overview")));
  }

  /** The vulnerability summary of a {@code ScanOverview} map, keyed by report MIME type. */
  private static HarborScan scan(JsonNode overview) {
    JsonNode summary = null;
    for (String mimeType : VULNERABILITY_REPORTS) {
      if (overview.hasNonNull(mimeType)) {
        summary = overview.get(mimeType);
        break;
      }
    }
    // a scanner adapter may report under a newer version of the same MIME type
    for (Map.Entry<String, JsonNode> entry : overview.properties()) {
      if (summary == null && entry.getKey().contains("vuln")) {
        summary = entry.getValue();
      }
    }
    if (summary == null || text(summary, "scan_status") == null) {
      return null;
    }
    return new HarborScan(text(summary, "scan_status"), text(summary, "severity"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
