package dev.katafraktos.cli;

import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.frontend.ConfigOverrides;
import dev.katafraktos.policy.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of every command that talks to registries: config, mappings, trust, login. */
final class RegistryFlags {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "katafraktos.yaml (flags override it).")
  Path config;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description = "Your registry (Harbor), allowed as a source.")
  String registry;

  @Option(
      names = "--mapping",
      paramLabel = "SRC=DST",
      description =
          "Map a source registry to yours, e.g. docker.io=harbor.example.com/dockerhub-proxy (repeatable).")
  List<String> mappings = new ArrayList<>();

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "CA bundle for registries with a private CA.")
  Path caFile;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Plain HTTP for this host (repeatable).")
  List<String> insecure = new ArrayList<>();

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "Registry user (with --password-stdin).")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password from standard input.")
  boolean passwordStdin;

  /** The configuration file with these flags applied over it. */
  ConfigOverrides overrides() throws ConfigException {
    return new ConfigOverrides()
        .configFile(config)
        .registry(registry)
        .mappings(mappings)
        .insecureRegistries(insecure)
        .caFile(caFile, "--ca-file");
  }

  /**
   * The explicit login for {@code host} (the configured registry), or null without {@code
   * --username}; the password is read from standard input.
   */
  RegistryLogin login(String host) throws ConfigException, IOException {
    if (username == null && !passwordStdin) {
      return null;
    }
    if (username == null || !passwordStdin) {
      throw new ConfigException("--username and --password-stdin go together");
    }
    if (host == null) {
      throw new ConfigException(
          "--username needs --registry (or registry: in the config) to know where it applies");
    }
    String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    return new RegistryLogin(host, username, password);
  }
}
