package dev.katafraktos.policy;

import dev.katafraktos.model.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit's settings, from {@code katafraktos.yaml} (see docs/configuration.md), from flags, or
 * built by a library user. A {@code null} or empty field is "not set", so {@link #merge} can lay
 * flags over a file.
 *
 * @param registry the Harbor host[:port] images should come from, or {@code null}
 * @param mappings source registry to Harbor project, in file order
 * @param allowedRegistries registries images may come from; empty means the default, see {@link
 *     #policyConfig()}
 * @param insecureRegistries registries spoken to over plain HTTP or without TLS verification
 * @param caFile a PEM file of extra CA certificates (absolute once loaded), or {@code null}
 * @param requiredPlatforms {@code os/arch[/variant]} every image must offer
 * @param failOn the least severity that fails the audit ({@link Severity#OFF}: never), or {@code
 *     null} for the default {@link Severity#ERROR}
 * @param severities rule id to severity, overriding the rules' defaults
 * @param credentials registry host to where its credentials come from
 * @param kubeVersions the Kubernetes versions to render every release for (an upgrade), empty for
 *     the renderer's default or each release's own
 * @param apiVersions added to {@code .Capabilities.APIVersions}, as helm's {@code --api-versions}
 */
public record AuditConfig(
    String registry,
    List<Mapping> mappings,
    Set<String> allowedRegistries,
    Set<String> insecureRegistries,
    Path caFile,
    List<String> requiredPlatforms,
    Severity failOn,
    Map<String, Severity> severities,
    Map<String, CredentialRef> credentials,
    List<String> kubeVersions,
    List<String> apiVersions) {

  public AuditConfig {
    kubeVersions = List.copyOf(kubeVersions);
    apiVersions = List.copyOf(apiVersions);
    mappings = List.copyOf(mappings);
    allowedRegistries = Set.copyOf(new LinkedHashSet<>(allowedRegistries));
    insecureRegistries = Set.copyOf(insecureRegistries);
    requiredPlatforms = List.copyOf(requiredPlatforms);
    severities = Map.copyOf(severities);
    credentials = Map.copyOf(credentials);
    for (String id : severities.keySet()) {
      if (Rule.byId(id).isEmpty()) {
        throw new IllegalArgumentException("unknown rule id '" + id + "'");
      }
    }
  }

  /** Nothing set. */
  public static AuditConfig empty() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@link #failOn()}, or {@link Severity#ERROR} when not set. */
  public Severity effectiveFailOn() {
    return failOn == null ? Severity.ERROR : failOn;
  }

  public Mappings mappingRules() {
    return new Mappings(mappings);
  }

  /**
   * The policy: allowed registries as configured, else {@link #registry()} plus the registries of
   * the mapping targets.
   */
  public PolicyConfig policyConfig() {
    Set<String> allowed = new LinkedHashSet<>(allowedRegistries);
    if (allowed.isEmpty()) {
      if (registry != null) {
        allowed.add(registry);
      }
      mappings.forEach(m -> allowed.add(m.targetRegistry()));
    }
    return new PolicyConfig(allowed, severities, requiredPlatforms);
  }

  /**
   * This config with {@code overrides} laid over it: a set scalar or a non-empty list replaces;
   * mappings (by source), severities (by rule) and credentials (by host) are replaced key by key;
   * insecure registries are joined.
   */
  public AuditConfig merge(AuditConfig overrides) {
    Builder b = toBuilder();
    if (overrides.registry != null) {
      b.registry = overrides.registry;
    }
    overrides.mappings.forEach(b::mapping);
    if (!overrides.allowedRegistries.isEmpty()) {
      b.allowedRegistries = new LinkedHashSet<>(overrides.allowedRegistries);
    }
    b.insecureRegistries.addAll(overrides.insecureRegistries);
    if (overrides.caFile != null) {
      b.caFile = overrides.caFile;
    }
    if (!overrides.requiredPlatforms.isEmpty()) {
      b.requiredPlatforms = new ArrayList<>(overrides.requiredPlatforms);
    }
    if (overrides.failOn != null) {
      b.failOn = overrides.failOn;
    }
    b.severities.putAll(overrides.severities);
    b.credentials.putAll(overrides.credentials);
    if (!overrides.kubeVersions.isEmpty()) {
      b.kubeVersions = new ArrayList<>(overrides.kubeVersions);
    }
    if (!overrides.apiVersions.isEmpty()) {
      b.apiVersions = new ArrayList<>(overrides.apiVersions);
    }
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.registry = registry;
    mappings.forEach(b::mapping);
    b.allowedRegistries.addAll(allowedRegistries);
    b.insecureRegistries.addAll(insecureRegistries);
    b.caFile = caFile;
    b.requiredPlatforms.addAll(requiredPlatforms);
    b.failOn = failOn;
    b.severities.putAll(severities);
    b.credentials.putAll(credentials);
    b.kubeVersions.addAll(kubeVersions);
    b.apiVersions.addAll(apiVersions);
    return b;
  }

  /** Builds an {@link AuditConfig}; what is not set stays unset. */
  public static final class Builder {
    private String registry;
    private final Map<String, Mapping> mappings = new LinkedHashMap<>();
    private Set<String> allowedRegistries = new LinkedHashSet<>();
    private final Set<String> insecureRegistries = new LinkedHashSet<>();
    private Path caFile;
    private List<String> requiredPlatforms = new ArrayList<>();
    private Severity failOn;
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Map<String, CredentialRef> credentials = new LinkedHashMap<>();
    private List<String> kubeVersions = new ArrayList<>();
    private List<String> apiVersions = new ArrayList<>();

    private Builder() {}

    public Builder registry(String registry) {
      this.registry = registry;
      return this;
    }

    /** Adds a mapping, replacing one with the same source. */
    public Builder mapping(Mapping mapping) {
      mappings.put(mapping.source(), mapping);
      return this;
    }

    public Builder allowedRegistry(String registry) {
      allowedRegistries.add(registry);
      return this;
    }

    public Builder insecureRegistry(String registry) {
      insecureRegistries.add(registry);
      return this;
    }

    public Builder caFile(Path caFile) {
      this.caFile = caFile;
      return this;
    }

    public Builder requiredPlatforms(List<String> platforms) {
      this.requiredPlatforms = new ArrayList<>(platforms);
      return this;
    }

    public Builder failOn(Severity failOn) {
      this.failOn = failOn;
      return this;
    }

    /** Sets a rule's severity; the id must be a {@link Rule#id()}. */
    public Builder severity(String ruleId, Severity severity) {
      if (Rule.byId(ruleId).isEmpty()) {
        throw new IllegalArgumentException("unknown rule id '" + ruleId + "'");
      }
      severities.put(ruleId, severity);
      return this;
    }

    public Builder credentials(String registry, CredentialRef ref) {
      credentials.put(registry, ref);
      return this;
    }

    /** The Kubernetes versions of an upgrade: every release is rendered once per version. */
    public Builder kubeVersions(List<String> versions) {
      this.kubeVersions = new ArrayList<>(versions);
      return this;
    }

    /** Group/versions (or group/version/kind) for {@code .Capabilities.APIVersions}. */
    public Builder apiVersions(List<String> versions) {
      this.apiVersions = new ArrayList<>(versions);
      return this;
    }

    public AuditConfig build() {
      return new AuditConfig(
          registry,
          List.copyOf(mappings.values()),
          allowedRegistries,
          insecureRegistries,
          caFile,
          requiredPlatforms,
          failOn,
          severities,
          credentials,
          kubeVersions,
          apiVersions);
    }
  }
}
