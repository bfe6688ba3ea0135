package dev.katafraktos.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Credentials fixed up front: explicit ones, or one pair from environment variables. */
final class StaticCredentials implements RegistryCredentials {
  static final String ANY = "*";

  private final Map<String, RegistryCredential> byRegistry;

  private StaticCredentials(Map<String, RegistryCredential> byRegistry) {
    this.byRegistry = Map.copyOf(byRegistry);
  }

  static StaticCredentials of(Map<String, RegistryCredential> byRegistry) {
    return new StaticCredentials(byRegistry);
  }

  /**
   * The environment's credential for {@code KATAFRAKTOS_REGISTRY} when it names a host, else for
   * each of {@code registries} only: a user's own registry password must not reach Docker Hub.
   */
  static StaticCredentials fromEnvironment(Map<String, String> env, Set<String> registries) {
    String user = env.get("KATAFRAKTOS_REGISTRY_USERNAME");
    String password = env.get("KATAFRAKTOS_REGISTRY_PASSWORD");
    if (user == null || user.isEmpty() || password == null) {
      return of(Map.of());
    }
    String named = env.getOrDefault("KATAFRAKTOS_REGISTRY", "");
    Map<String, RegistryCredential> byRegistry = new LinkedHashMap<>();
    for (String registry : named.isBlank() ? registries : Set.of(named)) {
      byRegistry.put(registry, new RegistryCredential(user, password));
    }
    return of(byRegistry);
  }

  static StaticCredentials fromEnvironment(Map<String, String> env) {
    String user = env.get("KATAFRAKTOS_REGISTRY_USERNAME");
    String password = env.get("KATAFRAKTOS_REGISTRY_PASSWORD");
    if (user == null || user.isEmpty() || password == null) {
      return of(Map.of());
    }
    String registry = env.getOrDefault("KATAFRAKTOS_REGISTRY", "");
    return of(Map.of(registry.isBlank() ? ANY : registry, new RegistryCredential(user, password)));
  }

  @Override
  public Optional<RegistryCredential> find(String registry) {
    RegistryCredential c = byRegistry.get(registry);
    return Optional.ofNullable(c != null ? c : byRegistry.get(ANY));
  }

  @Override
  public String toString() {
    return new TreeMap<>(byRegistry).toString(); // values print as user:****
  }
}
