package dev.katafraktos.policy;

import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.model.Severity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Reads {@code katafraktos.yaml} (docs/configuration.md) into an {@link AuditConfig}. */
public final class AuditConfigLoader {
  private static final Set<String> KEYS =
      Set.of(
          "registry",
          "mappings",
          "allowedRegistries",
          "insecureRegistries",
          "caFile",
          "requiredPlatforms",
          "failOn",
          "policy",
          "credentials",
          "releases",
          "kubeVersions",
          "apiVersions");
  private static final Set<String> CREDENTIAL_KEYS =
      Set.of("username", "usernameEnv", "passwordEnv", "passwordFile");
  private static final Set<String> SECRET_KEYS =
      Set.of("password", "token", "secret", "auth", "identitytoken");

  private AuditConfigLoader() {}

  /** Loads {@code file}; relative paths in it are taken relative to its directory. */
  public static AuditConfig load(Path file) throws ConfigException {
    String name = file.toString();
    Optional<Node> root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = BoundedYaml.compose(BoundedYaml.settings(name), reader);
    } catch (MarkedYamlEngineException e) {
      String at =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse("");
      throw new ConfigException("Invalid YAML in " + name + at + ": " + oneLine(e.getProblem()), e);
    } catch (YamlEngineException e) {
      throw new ConfigException("Invalid YAML in " + name + ": " + oneLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + name + ": " + e, e);
    }
    if (root.isEmpty()) {
      return AuditConfig.empty();
    }
    Path dir = file.toAbsolutePath().getParent();
    return read(new ConfigNodes(name), root.get(), dir);
  }

  /** {@code error|warning|info|off} (and {@code none}, the same as {@code off}). */
  public static Severity parseSeverity(String text) throws ConfigException {
    return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      case "info" -> Severity.INFO;
      case "off", "none" -> Severity.OFF;
      default ->
          throw new ConfigException(
              "bad severity '" + text + "': expected error, warning, info or off");
    };
  }

  private static AuditConfig read(ConfigNodes y, Node root, Path dir) throws ConfigException {
    Map<String, NodeTuple> top = y.mapping(root, "the configuration");
    y.onlyKeys(top, KEYS, "the configuration");
    AuditConfig.Builder b = AuditConfig.builder();
    for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
      Node v = e.getValue().getValueNode();
      switch (e.getKey()) {
        case "registry" -> b.registry(y.scalar(v, "registry"));
        case "mappings" -> mappings(y, v, b);
        case "allowedRegistries" -> y.strings(v, "allowedRegistries").forEach(b::allowedRegistry);
        case "insecureRegistries" ->
            y.strings(v, "insecureRegistries").forEach(b::insecureRegistry);
        case "caFile" -> b.caFile(dir.resolve(y.scalar(v, "caFile")).normalize());
        case "requiredPlatforms" -> b.requiredPlatforms(y.strings(v, "requiredPlatforms"));
        case "failOn" -> b.failOn(severity(y, v, "failOn"));
        case "policy" -> policy(y, v, b);
        case "credentials" -> credentials(y, v, b, dir);
        case "kubeVersions" -> b.kubeVersions(kubeVersions(y, v));
        case "apiVersions" -> b.apiVersions(y.strings(v, "apiVersions"));
        case "releases" -> {
          // the release list is ReleaseSetLoader's (api.ReleaseSet.load)
        }
        default -> throw new IllegalStateException(e.getKey());
      }
    }
    return b.build();
  }

  /** Versions as helm takes them ({@code 1.25}, {@code v1.25.3}); anything else, where it is. */
  private static List<String> kubeVersions(ConfigNodes y, Node node) throws ConfigException {
    List<Node> items =
        node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq
            ? seq.getValue()
            : List.of(node);
    List<String> versions = new ArrayList<>();
    for (Node item : items) {
      String version = y.scalar(item, "an element of kubeVersions");
      try {
        ApiLifecycle.majorMinor(version);
      } catch (IllegalArgumentException e) {
        throw y.error(item, "kubeVersions: " + e.getMessage());
      }
      versions.add(version);
    }
    return versions;
  }

  private static void mappings(ConfigNodes y, Node node, AuditConfig.Builder b)
      throws ConfigException {
    for (NodeTuple t : y.mapping(node, "mappings").values()) {
      String source = y.scalar(t.getKeyNode(), "a mapping source");
      String target = y.scalar(t.getValueNode(), "the mapping target of " + source);
      try {
        b.mapping(Mapping.of(source, target));
      } catch (ConfigException e) {
        throw y.error(t.getKeyNode(), e.getMessage());
      }
    }
  }

  private static void policy(ConfigNodes y, Node node, AuditConfig.Builder b)
      throws ConfigException {
    for (Map.Entry<String, NodeTuple> e : y.mapping(node, "policy").entrySet()) {
      if (Rule.byId(e.getKey()).isEmpty()) {
        throw y.error(
            e.getValue().getKeyNode(),
            "unknown rule id '"
                + e.getKey()
                + "' in policy; expected one of "
                + String.join(", ", java.util.Arrays.stream(Rule.values()).map(Rule::id).toList()));
      }
      b.severity(e.getKey(), severity(y, e.getValue().getValueNode(), e.getKey()));
    }
  }

  private static void credentials(ConfigNodes y, Node node, AuditConfig.Builder b, Path dir)
      throws ConfigException {
    for (Map.Entry<String, NodeTuple> host : y.mapping(node, "credentials").entrySet()) {
      String what = "the credentials of " + host.getKey();
      Map<String, NodeTuple> c = y.mapping(host.getValue().getValueNode(), what);
      for (Map.Entry<String, NodeTuple> key : c.entrySet()) {
        if (SECRET_KEYS.contains(key.getKey().toLowerCase(Locale.ROOT))) {
          // the message must not quote the value: it is the secret
          throw y.error(
              key.getValue().getKeyNode(),
              "inline secret '"
                  + key.getKey()
                  + "' in "
                  + what
                  + " is not allowed; put it in an"
                  + " environment variable and name that with passwordEnv (or use passwordFile)");
        }
      }
      y.onlyKeys(c, CREDENTIAL_KEYS, what);
      String user = optional(y, c, "username");
      String userEnv = optional(y, c, "usernameEnv");
      String passwordEnv = optional(y, c, "passwordEnv");
      String passwordFile = optional(y, c, "passwordFile");
      if (passwordEnv == null && passwordFile == null) {
        throw y.error(host.getValue().getKeyNode(), what + " need passwordEnv or passwordFile");
      }
      b.credentials(
          host.getKey(),
          new CredentialRef(
              user,
              userEnv,
              passwordEnv,
              passwordFile == null ? null : dir.resolve(passwordFile).normalize()));
    }
  }

  private static String optional(ConfigNodes y, Map<String, NodeTuple> c, String key)
      throws ConfigException {
    NodeTuple t = c.get(key);
    return t == null ? null : y.scalar(t.getValueNode(), key);
  }

  private static Severity severity(ConfigNodes y, Node node, String what) throws ConfigException {
    try {
      return parseSeverity(y.scalar(node, what));
    } catch (ConfigException e) {
      throw y.error(node, what + ": " + e.getMessage());
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
