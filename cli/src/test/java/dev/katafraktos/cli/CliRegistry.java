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
    requireRegistry();
    try {
      Path base = Files.createDirectories(Path.of("target", "registries").toAbsolutePath());
      Path dir = Files.createTempDirectory(base, mode + "-");
      List<String> command = new ArrayList<>(List.of("bash", script("registry.sh"), "start"));
      command.addAll(List.of("--mode", mode, "--dir", dir.toString()));
      for (String user : users) {
        command.addAll(List.of("--user", user));
      }
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
      run(seed, dir);
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
