package dev.katafraktos.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper: {@code docker-credential-NAME get}, the server URL on stdin, {@code
 * {"Username","Secret"}} on stdout (docker-credential-helpers protocol).
 */
final class CredentialHelper {
  private static final long TIMEOUT_SECONDS = 30;

  private final String name;
  private final Map<String, String> env;

  CredentialHelper(String name, Map<String, String> env) {
    this.name = name;
    this.env = env;
  }

  Optional<RegistryCredential> get(String serverUrl) {
    Optional<Path> program = locate("docker-credential-" + name);
    if (program.isEmpty()) {
      throw new IllegalStateException(
          "Credential helper docker-credential-" + name + " not found on PATH; install it");
    }
    try {
      return run(program.get(), serverUrl);
    } catch (JsonProcessingException e) {
      // not e.getMessage(): Jackson quotes the offending token, and the helper's output is a secret
      throw new IllegalStateException(
          "Credential helper "
              + program.get()
              + " answered with invalid JSON"
              + DockerConfigCredentials.where(e)
              + "; check that it speaks the docker-credential-helpers protocol");
    } catch (IOException e) {
      throw new IllegalStateException(
          "Credential helper " + program.get() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Optional<RegistryCredential> run(Path program, String serverUrl)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(program.toString(), "get"));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out;
    try (InputStream stdout = p.getInputStream()) {
      out = stdout.readAllBytes();
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("no answer within " + TIMEOUT_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      return Optional.empty(); // "credentials not found in native keychain"
    }
    JsonNode json = new ObjectMapper().readTree(out);
    String user = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    // "<token>" as user name means the secret is an identity token, which we cannot use here
    return "<token>".equals(user)
        ? Optional.empty()
        : Optional.of(new RegistryCredential(user, secret));
  }

  private Optional<Path> locate(String program) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
