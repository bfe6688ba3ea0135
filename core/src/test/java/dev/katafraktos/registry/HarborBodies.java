package dev.katafraktos.registry;

/**
 * Canned Harbor answers, shaped after what Harbor v2.x sends (field names and value types as the
 * spec's {@code Project} and {@code Artifact} declare them; {@link FakeHarbor} checks that).
 */
final class HarborBodies {
  static final String NGINX_DIGEST =
      "sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31";
  static final String VULN_REPORT = "application/vnd.security.vulnerability.report; version=1.1";
  static final String NATIVE_REPORT =
      "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";

  private HarborBodies() {}

  /** A plain project; metadata values are strings, as {@code ProjectMetadata} declares them. */
  static String project(String name, int id, String metadata) {
    return """
        {
          "project_id": %d,
          "owner_id": 1,
          "name": "%s",
          "creation_time": "2025-03-04T09:14:11.219Z",
          "update_time": "2025-03-04T09:14:11.219Z",
          "owner_name": "admin",
          "current_user_role_id": 1,
          "current_user_role_ids": [1],
          "repo_count": 3,
          "metadata": %s,
          "cve_allowlist": {
            "id": 1, "project_id": %d, "items": [],
            "creation_time": "0001-01-01T00:00:00.000Z", "update_time": "0001-01-01T00:00:00.000Z"
          }
        }
        """
        .formatted(id, name, metadata, id);
  }

  /** A proxy-cache project: {@code registry_id} names the upstream registry endpoint. */
  static String proxyProject(String name, int id, long registryId) {
    return """
        {
          "project_id": %d,
          "name": "%s",
          "registry_id": %d,
          "creation_time": "2025-03-04T09:14:11.219Z",
          "repo_count": 12,
          "metadata": {
            "public": "true",
            "prevent_vul": "true",
            "severity": "high",
            "auto_scan": "true",
            "proxy_speed_kb": "-1",
            "max_upstream_conn": "-1"
          }
        }
        """
        .formatted(id, name, registryId);
  }

  /** An image artifact of {@code library/nginx} with these tags and scan overview map. */
  static String artifact(String repository, String tags, String scanOverview) {
    return """
        {
          "id": 42,
          "type": "IMAGE",
          "media_type": "application/vnd.oci.image.config.v1+json",
          "manifest_media_type": "application/vnd.oci.image.manifest.v1+json",
          "project_id": 1,
          "repository_id": 7,
          "repository_name": "%s",
          "digest": "%s",
          "size": 72099410,
          "icon": "sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06",
          "push_time": "2025-06-01T10:00:00.000Z",
          "pull_time": "2025-06-02T10:00:00.000Z",
          "tags": %s,
          "addition_links": {
            "vulnerabilities": {"absolute": false, "href": "/api/v2.0/projects/library/repositories/nginx/artifacts/sha256:0d17/additions/vulnerabilities"}
          },
          "scan_overview": %s
        }
        """
        .formatted(repository, NGINX_DIGEST, tags, scanOverview);
  }

  static String tag(String name) {
    return """
        {"id": 9, "repository_id": 7, "artifact_id": 42, "name": "%s",
         "push_time": "2025-06-01T10:00:00.000Z", "pull_time": "2025-06-02T10:00:00.000Z",
         "immutable": false}
        """
        .formatted(name);
  }

  /** A {@code NativeReportSummary} of a finished Trivy scan. */
  static String summary(String status, String severity) {
    return """
        {
          "report_id": "5f62c830-f996-11e9-957f-0242c0a89008",
          "scan_status": "%s",
          "severity": "%s",
          "duration": 12,
          "summary": {"total": 12, "fixable": 3, "summary": {"Critical": 1, "High": 4, "Medium": 7}},
          "start_time": "2025-06-01T10:00:05Z",
          "end_time": "2025-06-01T10:00:17Z",
          "complete_percent": 100,
          "scanner": {"name": "Trivy", "vendor": "Aqua Security", "version": "v0.51.2"}
        }
        """
        .formatted(status, severity);
  }

  static String overview(String reportType, String summary) {
    return "{\"" + reportType + "\": " + summary + "}";
  }

  static String errors(String code, String message) {
    return "{\"errors\": [{\"code\": \"%s\", \"message\": \"%s\"}]}".formatted(code, message);
  }
}
