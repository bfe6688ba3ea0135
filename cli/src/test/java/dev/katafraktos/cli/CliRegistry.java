package dev.katafraktos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real registry (Debian's docker-registry) on 127.0.0.1 for the CLI's ITs, started through {@code
 * testdata/registry/registry.sh} as core's {@code TestRegistry} starts it (the CLI's tests do not
 * see core's test classes). A missing registry fails the test with {@code CI=true} and aborts it
 * otherwise, saying how to install it.
 */
final class CliRegistry implements AutoCloseable {
  private final Path dir;
  private final Map<String, String> env;

  private CliRegistry(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /**
   * Starts a registry in {@code mode} ({@code htpasswd} or {@code token}) with these users ({@code
   * NAME:PASSWORD[:ACTIONS]}); the first one pushes the seed images.
   */
  static CliRegistry start(String mode, List<String> users, String... images) {
    return start(mode, users, List.of(), images);
  }

  /**
   * Like {@link #start(String, List, String...)} with more {@code registry.sh start} options:
   * {@code --tls}, {@code --log-level info} (to read the registry's own log), {@code
   * --harbor-404}...
   */
  static CliRegistry start(
      String mode, List<String> users, List<String> options, String... images) {
    requireRegistry();
    try {
      Path base = Files.createDirectories(Path.of("target", "registries").toAbsolutePath());
      Path dir = Files.createTempDirectory(base, mode + "-");
      List<String> command = new ArrayList<>(List.of("bash", script("registry.sh"), "start"));
      command.addAll(List.of("--mode", mode, "--dir", dir.toString()));
      for (String user : users) {
        command.addAll(List.of("--user", user));
      }
      command.addAll(options);
      Map<String, String> env = new LinkedHashMap<>();
      run(command, dir)
          .lines()
          .filter(l -> l.matches("[A-Z_]+=.*"))
          .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      CliRegistry registry = new CliRegistry(dir, env);
      List<String> seed =
          new ArrayList<>(
              List.of(
                  "python3", script("seed.py"), "--env", dir.resolve("registry.env").toString()));
      for (String image : images) {
        seed.addAll(List.of("--image", image));
      }
      seed.addAll(List.of("--out", dir.resolve("digests.json").toString()));
      if (images.length > 0) {
        run(seed, dir);
      }
      return registry;
    } catch (IOException e) {
      throw new AssertionError("cannot start a registry: " + e.getMessage(), e);
    }
  }

  /** {@code 127.0.0.1:PORT}, as an image reference names it. */
  String host() {
    return env.get("REGISTRY_HOST");
  }

  /** {@code 127.0.0.1:PORT} of the plain-HTTP token issuer, when there is one (token mode). */
  Optional<String> tokenHost() {
    String port = env.get("TOKEN_PORT");
    return port == null || "https".equals(env.get("REGISTRY_SCHEME"))
        ? Optional.empty()
        : Optional.of("127.0.0.1:" + port);
  }

  /**
   * This registry and, in token mode, its token issuer: credentials go over plain HTTP only to
   * hosts listed as insecure.
   */
  List<String> insecureHosts() {
    return tokenHost().map(token -> List.of(host(), token)).orElse(List.of(host()));
  }

  /** What {@code registry.sh start} printed for {@code key}, e.g. {@code REGISTRY_CA_CERT}. */
  String env(String key) {
    String value = env.get(key);
    if (value == null) {
      throw new IllegalStateException(key + " not set; was the registry started with it?");
    }
    return value;
  }

  /** The digest the seeder pushed {@code repo:tag} with. */
  String digest(String repoAndTag) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(dir.resolve("digests.json").toFile())
          .path(repoAndTag)
          .path("digest")
          .asText();
    } catch (IOException e) {
      throw new AssertionError("cannot read the seeded digests: " + e.getMessage(), e);
    }
  }

  /**
   * {@code METHOD URI STATUS} of every request the registry answered, from its own log (started
   * with {@code --log-level info}).
   */
  List<String> requests() {
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile(
            "msg=\"response completed.*http\\.request\\.method=(\\w+).*"
                + "http\\.request\\.uri=\"([^\"]*)\".*http\\.response\\.status=(\\d{3})");
    try {
      List<String> requests = new ArrayList<>();
      for (String l : Files.readAllLines(dir.resolve("registry.log"), StandardCharsets.UTF_8)) {
        java.util.regex.Matcher m = line.matcher(l);
        if (m.find()) {
          requests.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
      }
      return requests;
    } catch (IOException e) {
      throw new AssertionError("cannot read the registry log: " + e.getMessage(), e);
    }
  }

  /**
   * The manifest of {@code repository:reference} at {@code host} (this registry or its proxy) as
   * skopeo, the reference client, reads it: raw bytes.
   */
  byte[] rawManifest(String host, String repositoryAndReference) {
    RealParts.requireTool("skopeo", "install it with `apt-get install skopeo` (.ci/run does)");
    List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
    if (env.getOrDefault("REGISTRY_SCHEME", "http").equals("https") && host.equals(host())) {
      command.add("--cert-dir=" + env("REGISTRY_CERT_DIR"));
    } else {
      command.add("--tls-verify=false");
    }
    if (env.containsKey("REGISTRY_USER")) {
      command.add("--creds=" + env("REGISTRY_USER") + ":" + env("REGISTRY_PASSWORD"));
    }
    command.add("docker://" + host + "/" + repositoryAndReference);
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed");
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run skopeo: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    run(List.of("bash", script("registry.sh"), "stop", "--dir", dir.toString(), "--purge"), dir);
  }

  private static void requireRegistry() {
    String bin = System.getenv().getOrDefault("REGISTRY_BIN", "/usr/bin/docker-registry");
    if (!Files.isExecutable(Path.of(bin))) {
      String message =
          "registry binary "
              + bin
              + " not found; install it with `apt-get install docker-registry apache2-utils"
              + " python3` (.ci/run does)";
      RealParts.missing(message);
    }
  }

  private static String script(String name) {
    return RewriteCommandTest.testdata().resolve("registry").resolve(name).toString();
  }

  private static String run(List<String> command, Path dir) {
    try {
      Path err = Files.createTempFile(dir.getParent(), "cmd-", ".err");
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish within 120 s");
      }
      String errors = Files.readString(err);
      Files.deleteIfExists(err);
      if (p.exitValue() != 0) {
        throw new AssertionError(command + " exited " + p.exitValue() + ": " + out + errors);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
