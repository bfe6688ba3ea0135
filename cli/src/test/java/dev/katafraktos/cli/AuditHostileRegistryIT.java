package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code katafraktos audit} against a hostile registry on 127.0.0.1 that streams 512 MiB, twice the
 * heap the packaged CLI gets here ({@code -Xmx256m}): the audit reports the check as blocked in one
 * line naming the host and the limit, and stops reading long before the end.
 */
class AuditHostileRegistryIT {
  private static final long HUGE = 512L * 1024 * 1024;

  @TempDir Path dir;
  HttpServer registry;
  final AtomicLong written = new AtomicLong();
  Path chart;

  @BeforeEach
  void chart() throws IOException {
    chart = dir.resolve("app");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    Files.writeString(chart.resolve("values.yaml"), "image: none\n");
    Files.writeString(
        chart.resolve("templates/deploy.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: app",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: app",
            "          image: {{ .Values.image | quote }}",
            ""));
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  private String start(String challengePath, HttpHandler ping) throws IOException {
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/v2/", ping);
    registry.createContext(challengePath, this::stream);
    registry.start();
    return "127.0.0.1:" + registry.getAddress().getPort();
  }

  /** A 200 of {@link #HUGE} bytes, chunked, until the client hangs up. */
  private void stream(HttpExchange e) throws IOException {
    try (e) {
      e.getResponseHeaders().add("Content-Type", "application/json");
      e.sendResponseHeaders(200, 0);
      OutputStream out = e.getResponseBody();
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) '[');
      for (long sent = 0; sent < HUGE; sent += chunk.length) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    } catch (IOException hungUp) {
      // the client stopped reading
    }
  }

  private CliRun audit(String host, String... more) throws Exception {
    String[] args = {
      "audit",
      chart.toString(),
      "--set",
      "image=" + host + "/team/app:1.0",
      "--registry",
      host,
      "--insecure-registry",
      host
    };
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return PackagedCli.create().jvm("-Xmx256m").in(dir).run(all);
  }

  @Test
  void audit_manifestOf512MiB_isBlockedInOneLineNamingHostAndLimit() throws Exception {
    String host = start("/v2/team/app/manifests/", e -> answer(e, 200, "{}"));

    CliRun run = audit(host);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCommand.FINDINGS);
    assertThat(run.out())
        .contains("unsafe-registry-answer")
        .contains(host + " sent a manifest over the 4 MiB limit; stopped reading it");
    assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("Exception");
    assertThat(written.get()).isLessThan(HUGE / 4);
  }

  @Test
  void audit_tokenResponseOf512MiB_isBlockedInJson() throws Exception {
    String[] realm = new String[1];
    String host =
        start(
            "/token",
            e -> {
              e.getResponseHeaders()
                  .add("WWW-Authenticate", "Bearer realm=\"" + realm[0] + "\",service=\"r\"");
              answer(e, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            });
    realm[0] = "http://" + host + "/token";

    CliRun run = audit(host, "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCommand.FINDINGS);
    assertThat(run.out())
        .contains("\"availability\" : \"blocked\"")
        .contains(host + " sent a token response over the 1 MiB limit; stopped reading it");
    assertThat(written.get()).isLessThan(HUGE / 4);
  }

  private static void answer(HttpExchange e, int status, String body) throws IOException {
    try (e) {
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      e.getResponseHeaders().add("Content-Type", "application/json");
      e.sendResponseHeaders(status, bytes.length);
      e.getResponseBody().write(bytes);
    }
  }
}
