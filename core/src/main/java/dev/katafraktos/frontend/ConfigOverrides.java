package dev.katafraktos.frontend;

import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditConfigLoader;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.policy.Mapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a frontend's flags or parameters lay over {@code katafraktos.yaml}: the same merge (see
 * {@link AuditConfig#merge}) for the command line and the Maven plugin. Values that are not set
 * leave the file's in place.
 */
public final class ConfigOverrides {
  private Path configFile;
  private String registry;
  private final List<String> mappings = new ArrayList<>();
  private final List<String> insecureRegistries = new ArrayList<>();
  private Path caFile;
  private String caFileOption;
  private Severity failOn;

  /** {@code katafraktos.yaml}, or {@code null} for none. */
  public ConfigOverrides configFile(Path file) {
    this.configFile = file;
    return this;
  }

  public ConfigOverrides registry(String registry) {
    this.registry = registry == null || registry.isBlank() ? null : registry.trim();
    return this;
  }

  /** {@code SOURCE=TARGET} entries, parsed (and rejected with a reason) by {@link #resolve}. */
  public ConfigOverrides mappings(List<String> entries) {
    entries.stream().filter(e -> e != null && !e.isBlank()).forEach(mappings::add);
    return this;
  }

  public ConfigOverrides insecureRegistries(List<String> hosts) {
    hosts.stream()
        .filter(h -> h != null && !h.isBlank())
        .map(String::trim)
        .forEach(insecureRegistries::add);
    return this;
  }

  /**
   * A CA bundle; {@code option} names where it was given ({@code --ca-file}, {@code <caFile>}) for
   * the message when the file is missing.
   */
  public ConfigOverrides caFile(Path file, String option) {
    this.caFile = file;
    this.caFileOption = option;
    return this;
  }

  public ConfigOverrides failOn(Severity failOn) {
    this.failOn = failOn;
    return this;
  }

  /**
   * The configuration file with the overrides laid over it.
   *
   * @throws ConfigException a configuration file that cannot be read or is invalid, a bad mapping,
   *     a missing CA file; one line naming the value
   */
  public AuditConfig resolve() throws ConfigException {
    AuditConfig file = AuditConfig.empty();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new ConfigException("Config file " + configFile + " not found");
      }
      file = AuditConfigLoader.load(configFile);
    }
    AuditConfig.Builder flags = AuditConfig.builder();
    if (registry != null) {
      flags.registry(registry);
    }
    for (String mapping : mappings) {
      flags.mapping(Mapping.parse(mapping));
    }
    insecureRegistries.forEach(flags::insecureRegistry);
    if (caFile != null) {
      if (!Files.isRegularFile(caFile)) {
        throw new ConfigException(
            "CA file "
                + caFile
                + " not found"
                + (caFileOption == null ? "" : "; check " + caFileOption));
      }
      flags.caFile(caFile);
    }
    if (failOn != null) {
      flags.failOn(failOn);
    }
    return file.merge(flags.build());
  }
}
