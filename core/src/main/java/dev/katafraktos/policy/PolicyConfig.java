package dev.katafraktos.policy;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the audit's rules enforce.
 *
 * @param allowedRegistries registries (host[:port], or host[:port]/path prefixes) images may be
 *     pulled from; see {@link AuditConfig#policyConfig()} for the default
 * @param severities rule id to severity, overriding each {@link Rule#defaultSeverity()}
 * @param requiredPlatforms {@code os/arch[/variant]} every image must offer, e.g. {@code
 *     linux/arm64}
 */
public record PolicyConfig(
    Set<String> allowedRegistries,
    Map<String, Severity> severities,
    List<String> requiredPlatforms) {

  public PolicyConfig {
    allowedRegistries = Set.copyOf(allowedRegistries);
    severities = Map.copyOf(severities);
    requiredPlatforms = List.copyOf(requiredPlatforms);
    for (String id : severities.keySet()) {
      if (Rule.byId(id).isEmpty()) {
        throw new IllegalArgumentException("unknown rule id '" + id + "'");
      }
    }
  }

  /** Nothing allowed, default severities, no required platform. */
  public static PolicyConfig defaults() {
    return new PolicyConfig(Set.of(), Map.of(), List.of());
  }

  public Severity severity(Rule rule) {
    return severities.getOrDefault(rule.id(), rule.defaultSeverity());
  }

  /** Whether {@code ref} is pulled from an allowed registry (or registry path prefix). */
  public boolean isAllowed(ImageRef ref) {
    String name = ref.name();
    for (String allowed : allowedRegistries) {
      if (ref.domain().equals(allowed) || name.startsWith(allowed + "/")) {
        return true;
      }
    }
    return false;
  }
}
