package dev.katafraktos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.registry.ImageChecker;
import dev.katafraktos.registry.Registries;
import dev.katafraktos.registry.RegistryConfigurationException;
import dev.katafraktos.registry.RegistryCredential;
import dev.katafraktos.registry.RegistryCredentials;
import dev.katafraktos.registry.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real registry (Debian's docker-registry, CNCF distribution 2.8) on 127.0.0.1 for one test
 * class, driven through {@code testdata/registry/registry.sh} and {@code seed.py}.
 *
 * <p>A missing registry binary fails the test when {@code CI=true} and aborts it otherwise, saying
 * how to install it.
 */
public final class TestRegistry implements AutoCloseable {
  /** What {@code registry.sh start --mode} takes. */
  public enum Mode {
    OPEN("open"),
    HTPASSWD("htpasswd"),
    TOKEN("token");

    final String arg;

    Mode(String arg) {
      this.arg = arg;
    }
  }

  private static final Pattern PROXY_LINE =
      Pattern.compile("\"(GET|HEAD|PUT|POST|PATCH|DELETE) (/v2/\\S*) HTTP/1\\.[01]\" (\\d{3})");

  private final Path scripts;
  private final Path dir;
  private final Map<String, String> env;

  private TestRegistry(Path scripts, Path dir, Map<String, String> env) {
    this.scripts = scripts;
    this.dir = dir;
    this.env = env;
  }

  /**
   * Starts a registry.
   *
   * @param extraArgs more {@code registry.sh start} options: {@code --tls}, {@code --proxy}, {@code
   *     --fail GLOB=STATUS}, {@code --harbor-404}, {@code --anonymous-pull GLOB}, ...
   */
  public static TestRegistry start(Mode mode, String... extraArgs) {
    Path scripts = RealTools.testdata().resolve("registry");
    requireTools(mode);
    Path dir;
    try {
      Path base = Files.createDirectories(Path.of("target", "registries").toAbsolutePath());
      dir = Files.createTempDirectory(base, mode.arg + "-");
    } catch (IOException e) {
      throw new AssertionError("cannot make a registry directory: " + e.getMessage(), e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash", scripts.resolve("registry.sh").toString(), "start", "--mode", mode.arg));
    command.addAll(List.of("--dir", dir.toString()));
    command.addAll(List.of(extraArgs));
    String out = run(command, dir);
    Map<String, String> env = new LinkedHashMap<>();
    out.lines()
        .filter(l -> l.matches("[A-Z_]+=.*"))
        .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return new TestRegistry(scripts, dir, env);
  }

  private static void requireTools(Mode mode) {
    String bin = System.getenv().getOrDefault("REGISTRY_BIN", "/usr/bin/docker-registry");
    if (!Files.isExecutable(Path.of(bin))) {
      RealTools.missing(
          "registry binary "
              + bin
              + " not found; install it with `apt-get install docker-registry`"
              + " (Debian's CNCF distribution registry; .ci/run installs it)");
    }
    if (mode == Mode.HTPASSWD && !onPath("htpasswd")) {
      RealTools.missing(
          "htpasswd not found; install it with `apt-get install apache2-utils` (.ci/run does)");
    }
    if (!onPath("python3")) {
      RealTools.missing("python3 not found; install it with `apt-get install python3`");
    }
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Pushes the default seed set (see testdata/registry/README) plus {@code REPO:TAG=KIND} images.
   *
   * @return digest per {@code REPO:TAG}
   */
  public Map<String, String> seed(String... images) {
    Path out = dir.resolve("digests.json");
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                scripts.resolve("seed.py").toString(),
                "--env",
                dir.resolve("registry.env").toString(),
                "--default-set",
                "--out",
                out.toString()));
    for (String image : images) {
      command.addAll(List.of("--image", image));
    }
    run(command, dir);
    try {
      JsonNode json = new ObjectMapper().readTree(out.toFile());
      Map<String, String> digests = new LinkedHashMap<>();
      json.fields()
          .forEachRemaining(e -> digests.put(e.getKey(), e.getValue().get("digest").asText()));
      return digests;
    } catch (IOException e) {
      throw new AssertionError("cannot read " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * A checker that speaks plain HTTP to this registry, with the given credentials; in token mode
   * its token issuer (plain HTTP on another port) is listed as insecure too, since credentials go
   * over plain HTTP only to listed hosts.
   */
  public ImageChecker checker(RegistryCredentials credentials)
      throws RegistryConfigurationException {
    return Registries.checker(
        RegistrySettings.builder().insecureHosts(insecureHosts()).credentials(credentials).build());
  }

  /** This registry and, in token mode without TLS, its token issuer: {@code host:port} each. */
  public Set<String> insecureHosts() {
    return tokenHost().map(token -> Set.of(host(), token)).orElse(Set.of(host()));
  }

  /** {@code 127.0.0.1:PORT} of the plain-HTTP token issuer, when there is one. */
  public java.util.Optional<String> tokenHost() {
    String port = env.get("TOKEN_PORT");
    return port == null || "https".equals(env.get("REGISTRY_SCHEME"))
        ? java.util.Optional.empty()
        : java.util.Optional.of("127.0.0.1:" + port);
  }

  /** {@code user}/{@code password} for this registry only. */
  public RegistryCredentials login(String user, String password) {
    return RegistryCredentials.explicit(Map.of(host(), new RegistryCredential(user, password)));
  }

  /** {@code 127.0.0.1:PORT}, the registry as an image reference names it. */
  public String host() {
    return env.get("REGISTRY_HOST");
  }

  /** The fault proxy in front of the registry (plain HTTP), when started with one. */
  public String proxyHost() {
    return require("PROXY_HOST");
  }

  public String user() {
    return require("REGISTRY_USER");
  }

  public String password() {
    return require("REGISTRY_PASSWORD");
  }

  /** The test CA in PEM (with {@code --tls}). */
  public Path caCert() {
    return Path.of(require("REGISTRY_CA_CERT"));
  }

  /** How many tokens the token issuer has handed out (token mode without TLS). */
  public int tokensIssued() {
    URI health = URI.create("http://127.0.0.1:" + require("TOKEN_PORT") + "/healthz");
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(r.body()).path("issued").asInt(-1);
    } catch (IOException e) {
      throw new AssertionError("cannot ask the token issuer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Method and path of every request the fault proxy passed on or answered, in order. */
  public List<String> proxyRequests() {
    try {
      List<String> requests = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("proxy.log"), StandardCharsets.UTF_8)) {
        Matcher m = PROXY_LINE.matcher(line);
        if (m.find()) {
          requests.add(m.group(1) + " " + m.group(2));
        }
      }
      return requests;
    } catch (IOException e) {
      throw new AssertionError("cannot read the proxy log: " + e.getMessage(), e);
    }
  }

  private static final Pattern REGISTRY_LINE =
      Pattern.compile(
          "msg=\"response completed.*http\\.request\\.method=(\\w+).*"
              + "http\\.request\\.uri=\"([^\"]*)\".*http\\.response\\.status=(\\d{3})");

  /**
   * {@code METHOD URI STATUS} of every request the registry itself answered, in order, from its own
   * log (e.g. {@code POST /v2/a/blobs/uploads/?from=b&mount=sha256:... 201}). Successful requests
   * are logged only when the registry was started with {@code --log-level info}.
   */
  public List<String> registryRequests() {
    try {
      List<String> requests = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("registry.log"), StandardCharsets.UTF_8)) {
        Matcher m = REGISTRY_LINE.matcher(line);
        if (m.find()) {
          requests.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
      }
      return requests;
    } catch (IOException e) {
      throw new AssertionError("cannot read the registry log: " + e.getMessage(), e);
    }
  }

  /** The registry's base URL, {@code http(s)://127.0.0.1:PORT}. */
  public String url() {
    return require("REGISTRY_URL");
  }

  /** Whether it serves HTTPS (started with {@code --tls}). */
  public boolean tls() {
    return url().startsWith("https:");
  }

  /** The directory holding only the CA ({@code skopeo --cert-dir}), with {@code --tls}. */
  public Path certDir() {
    return Path.of(require("REGISTRY_CERT_DIR"));
  }

  /** Stops the registry (and its token issuer and proxy); the directory stays for inspection. */
  public void stop() {
    run(
        List.of("bash", scripts.resolve("registry.sh").toString(), "stop", "--dir", dir.toString()),
        dir);
  }

  @Override
  public void close() {
    run(
        List.of(
            "bash",
            scripts.resolve("registry.sh").toString(),
            "stop",
            "--dir",
            dir.toString(),
            "--purge"),
        dir.getParent());
  }

  private String require(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new IllegalStateException(key + " not set; was the registry started with it?");
    }
    return v;
  }

  private static String run(List<String> command, Path dir) {
    try {
      Path err = Files.createTempFile(dir, "cmd-", ".err");
      Process p =
          new ProcessBuilder(command)
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            command + " exited " + p.exitValue() + ": " + out + Files.readString(err));
      }
      Files.deleteIfExists(err);
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
