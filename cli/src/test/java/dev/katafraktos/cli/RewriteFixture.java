package dev.katafraktos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A chart with one Docker Hub and one Quay image, and a values file a person could have grown to
 * megabytes: the two image values among thousands of commented padding keys.
 */
final class RewriteFixture {
  static final String HUB = "docker.io=harbor.x/dh";
  static final String QUAY = "quay.io=harbor.x/quay";

  private RewriteFixture() {}

  /** Writes the chart into {@code dir} and returns it. */
  static Path chart(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: big\nversion: 1.0.0\n");
    Files.writeString(
        dir.resolve("values.yaml"),
        "web:\n  image: nginx:1.27.4\njobs:\n  image: quay.io/curl/curl:8.12.1\n");
    Files.writeString(
        dir.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: web",
            "          image: {{ .Values.web.image }}",
            "        - name: jobs",
            "          image: {{ .Values.jobs.image }}",
            ""));
    return dir;
  }

  /** The user's values: both images, then padding up to about {@code bytes} bytes. */
  static String values(int bytes) {
    StringBuilder text =
        new StringBuilder(
            String.join(
                "\n",
                "# Production values",
                "web:",
                "  image: nginx:1.27.4 # pinned by the platform team",
                "jobs:",
                "  image: quay.io/curl/curl:8.12.1",
                "padding:",
                ""));
    for (int i = 0; text.length() < bytes; i++) {
      text.append("  # comment ").append(i).append(": kept byte for byte by every rewrite\n");
      text.append("  key").append(i).append(": value-").append(i).append("-abcdefghijklmnop\n");
    }
    return text.toString();
  }

  static List<String> rewrite(Path chart, String values, String mapping) {
    return List.of("rewrite", chart.toString(), "-f", values, "--in-place", "--mapping", mapping);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
