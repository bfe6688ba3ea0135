package dev.katafraktos.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where credentials for a registry come from. Implementations' {@code toString()} never print a
 * secret.
 */
public interface RegistryCredentials {

  /**
   * The credential for a registry.
   *
   * @param registry the registry as in {@code ImageRef.domain()}, e.g. {@code harbor.corp:8443} or
   *     {@code docker.io}
   */
  Optional<RegistryCredential> find(String registry);

  /** No credentials anywhere. */
  static RegistryCredentials anonymous() {
    return StaticCredentials.of(Map.of());
  }

  /** The given credential per registry. */
  static RegistryCredentials explicit(Map<String, RegistryCredential> byRegistry) {
    return StaticCredentials.of(byRegistry);
  }

  /**
   * {@code KATAFRAKTOS_REGISTRY_USERNAME} and {@code KATAFRAKTOS_REGISTRY_PASSWORD}, for the
   * registry named in {@code KATAFRAKTOS_REGISTRY} or, when that is unset, for every registry.
   */
  static RegistryCredentials environment() {
    return StaticCredentials.fromEnvironment(System.getenv());
  }

  /**
   * {@code KATAFRAKTOS_REGISTRY_USERNAME} and {@code KATAFRAKTOS_REGISTRY_PASSWORD}, for the
   * registry named in {@code KATAFRAKTOS_REGISTRY} or, when that is unset, for {@code registries}
   * only (the user's own registries; never every registry).
   */
  static RegistryCredentials environment(Set<String> registries) {
    return StaticCredentials.fromEnvironment(System.getenv(), registries);
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, as docker reads it. */
  static RegistryCredentials dockerConfig() {
    return DockerConfigCredentials.standard(System.getenv());
  }

  /** This docker config file, helpers found on {@code $PATH}. */
  static RegistryCredentials dockerConfig(Path configJson) {
    return new DockerConfigCredentials(configJson, System.getenv());
  }

  /** The first source that has a credential for the registry wins. */
  static RegistryCredentials chain(RegistryCredentials... sources) {
    List<RegistryCredentials> list = List.of(sources);
    return new RegistryCredentials() {
      @Override
      public Optional<RegistryCredential> find(String registry) {
        return list.stream().flatMap(s -> s.find(registry).stream()).findFirst();
      }

      @Override
      public String toString() {
        return "chain" + list;
      }
    };
  }

  /** The environment, then the docker config. */
  static RegistryCredentials defaults() {
    return chain(environment(), dockerConfig());
  }
}
