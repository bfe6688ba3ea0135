package dev.katafraktos.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials from a docker {@code config.json}, in docker's order: {@code credHelpers[registry]},
 * then {@code credsStore}, then {@code auths[registry].auth} (base64 {@code user:password}).
 */
final class DockerConfigCredentials implements RegistryCredentials {

  /** The keys docker itself uses for Docker Hub; the first is what helpers are asked for. */
  private static final List<String> DOCKER_HUB =
      List.of(
          "https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io");

  private final Path file;
  private final Map<String, String> env;
  private final Map<String, Optional<RegistryCredential>> found = new ConcurrentHashMap<>();
  private volatile JsonNode config;

  DockerConfigCredentials(Path file, Map<String, String> env) {
    this.file = file;
    this.env = Map.copyOf(env);
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, as docker does. */
  static DockerConfigCredentials standard(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    Path base =
        dir == null || dir.isBlank()
            ? Paths.get(System.getProperty("user.home"), ".docker")
            : Paths.get(dir);
    return new DockerConfigCredentials(base.resolve("config.json"), env);
  }

  @Override
  public Optional<RegistryCredential> find(String registry) {
    return found.computeIfAbsent(registry, this::lookUp);
  }

  private Optional<RegistryCredential> lookUp(String registry) {
    JsonNode root = config();
    List<String> keys = keys(registry);
    for (String key : keys) {
      String helper = root.path("credHelpers").path(key).asText("");
      if (!helper.isEmpty()) {
        return new CredentialHelper(helper, env).get(keys.get(0));
      }
    }
    String store = root.path("credsStore").asText("");
    if (!store.isEmpty()) {
      Optional<RegistryCredential> stored = new CredentialHelper(store, env).get(keys.get(0));
      if (stored.isPresent()) {
        return stored;
      }
    }
    return fromAuths(root.path("auths"), keys);
  }

  private static Optional<RegistryCredential> fromAuths(JsonNode auths, List<String> keys) {
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (keys.contains(hostOf(entry.getKey()))) {
        Optional<RegistryCredential> c = decode(entry.getValue());
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<RegistryCredential> decode(JsonNode entry) {
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = pair.indexOf(':');
      return colon > 0
          ? Optional.of(new RegistryCredential(pair.substring(0, colon), pair.substring(colon + 1)))
          : Optional.empty();
    }
    String user = entry.path("username").asText("");
    return user.isEmpty()
        ? Optional.empty()
        : Optional.of(new RegistryCredential(user, entry.path("password").asText("")));
  }

  /** An {@code auths} key may be {@code host}, {@code https://host} or {@code https://host/v1/}. */
  static String hostOf(String key) {
    String k = key.replaceFirst("^[a-zA-Z]+://", "");
    int slash = k.indexOf('/');
    return slash < 0 ? k : k.substring(0, slash);
  }

  private static List<String> keys(String registry) {
    return DOCKER_HUB.contains(registry) ? DOCKER_HUB : List.of(registry);
  }

  private JsonNode config() {
    JsonNode c = config;
    if (c == null) {
      c = read();
      config = c;
    }
    return c;
  }

  private JsonNode read() {
    if (!Files.isRegularFile(file)) {
      return new ObjectMapper().createObjectNode();
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // not e.getMessage(): Jackson quotes the offending token, which may be a password
      throw new IllegalStateException(
          "Cannot read docker config " + file + ": not valid JSON" + where(e) + "; fix or move it");
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read docker config " + file + ": " + e.getMessage() + "; fix or move it", e);
    }
  }

  /** Where a parse failed, without the text found there. */
  static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  @Override
  public String toString() {
    return "docker config " + file;
  }
}
