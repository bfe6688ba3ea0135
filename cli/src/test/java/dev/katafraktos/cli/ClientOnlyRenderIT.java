package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering is client-only whatever kubeconfig the user has: the packaged CLI, run with KUBECONFIG
 * and HELM_KUBEAPISERVER naming a "cluster" that records every request, renders a chart that calls
 * lookup without sending it a single request.
 */
class ClientOnlyRenderIT {
  @TempDir Path dir;
  HttpServer cluster;
  final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCluster() throws IOException {
    cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cluster.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          byte[] body =
              "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"secrets\",\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    cluster.start();
  }

  @AfterEach
  void stopCluster() {
    cluster.stop(0);
  }

  @Test
  void list_chartCallingLookup_neverContactsTheUsersCluster() throws Exception {
    String server = "http://127.0.0.1:" + cluster.getAddress().getPort();
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            String.join(
                "\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters: [{name: c, cluster: {server: '" + server + "'}}]",
                "contexts: [{name: c, context: {cluster: c, user: u}}]",
                "current-context: c",
                "users: [{name: u, user: {token: secret}}]",
                ""));
    Path chart = dir.resolve("looks-up");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("Chart.yaml"), "apiVersion: v2\nname: looks-up\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "{{- $existing := lookup \"v1\" \"Secret\" .Release.Namespace \"db\" }}",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: app",
            "  annotations:",
            "    found: {{ if $existing }}\"yes\"{{ else }}\"no\"{{ end }}",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: app",
            "          image: nginx:1.27",
            ""));

    Path jar = Path.of("target", "katafraktos.jar").toAbsolutePath();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(), "-jar", jar.toString(), "list", chart.toString(), "-o", "json")
            .redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HELM_KUBEAPISERVER", server);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("\"image\" : \"nginx:1.27\"");
    assertThat(requests).isEmpty();
  }
}
