package dev.katafraktos.api;

import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Origin;
import dev.katafraktos.policy.ApiLifecycle;
import dev.katafraktos.policy.ApiRules;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.CredentialRef;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.policy.Mappings;
import dev.katafraktos.policy.PolicyEngine;
import dev.katafraktos.registry.ImageChecker;
import dev.katafraktos.registry.Registries;
import dev.katafraktos.registry.RegistryConfigurationException;
import dev.katafraktos.registry.RegistryCredential;
import dev.katafraktos.registry.RegistryCredentials;
import dev.katafraktos.registry.RegistrySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The audit: inventory, then registry checks of each image and its mapped target, then policy. */
final class Auditor {
  private Auditor() {}

  static AuditResult audit(Inventory inventory, AuditRequest request, AuditProgress progress)
      throws KatafraktosException {
    AuditConfig config = request.config();
    Mappings mappings = config.mappingRules();
    Map<String, List<ChartInventory>> releases = byRelease(inventory);
    List<AuditSubject> subjects = new ArrayList<>();
    for (Map.Entry<String, List<ChartInventory>> release : releases.entrySet()) {
      for (InventoryImage image : imagesOnAnyVersion(release.getValue())) {
        ImageRef reference = image.reference();
        ImageRef target = reference == null ? null : mappings.target(reference).orElse(null);
        subjects.add(
            AuditSubject.unchecked(
                release.getKey(), image.image(), reference, image.occurrences(), target));
      }
    }
    if (!request.offline()) {
      subjects = checked(subjects, request, progress);
    }
    List<Finding> findings =
        new ArrayList<>(new PolicyEngine(config.policyConfig()).evaluate(subjects));
    ApiRules apiRules = new ApiRules(config.policyConfig(), ApiLifecycle.load());
    releases.forEach(
        (release, versions) -> {
          List<ApiRules.Rendering> renderings = new ArrayList<>();
          for (ChartInventory chart : versions) {
            if (chart.kubeVersion() != null) {
              renderings.add(new ApiRules.Rendering(chart.kubeVersion(), chart.objects()));
            }
          }
          findings.addAll(apiRules.evaluate(release, renderings));
        });
    return new AuditResult(
        inventory, subjects, findings, config.effectiveFailOn(), request.offline());
  }

  /**
   * The inventory's charts by the release they render: a release rendered for several Kubernetes
   * versions ({@link KubeVersions#expand}) is audited as one, so each of its images is checked and
   * judged once whatever the number of versions that deploy it.
   */
  private static Map<String, List<ChartInventory>> byRelease(Inventory inventory) {
    Map<String, List<ChartInventory>> releases = new LinkedHashMap<>();
    for (ChartInventory chart : inventory.charts()) {
      releases
          .computeIfAbsent(KubeVersions.releaseOf(chart.chart()), k -> new ArrayList<>())
          .add(chart);
    }
    return releases;
  }

  /**
   * The images any of the renderings deploys, sorted, each with its occurrences on the first
   * version that has it. Images only a {@code Chart.yaml} image list names are left out: the render
   * may not deploy them at all.
   */
  private static List<InventoryImage> imagesOnAnyVersion(List<ChartInventory> versions) {
    Map<String, InventoryImage> images = new TreeMap<>();
    for (ChartInventory chart : versions) {
      for (InventoryImage image : chart.images()) {
        if (image.occurrences().stream().allMatch(o -> o.origin() == Origin.ANNOTATION)) {
          continue;
        }
        images.putIfAbsent(image.image(), image);
      }
    }
    return List.copyOf(images.values());
  }

  private static List<AuditSubject> checked(
      List<AuditSubject> subjects, AuditRequest request, AuditProgress progress)
      throws KatafraktosException {
    Set<ImageRef> references = new LinkedHashSet<>();
    for (AuditSubject subject : subjects) {
      if (subject.reference() != null) {
        references.add(subject.reference());
      }
      if (subject.target() != null) {
        references.add(subject.target());
      }
    }
    Map<ImageRef, ImageCheck> checks;
    Map<ImageRef, String> refusals;
    RegistrySettings settings = settings(request.config(), request.credentials());
    try (ImageChecker checker = Registries.checker(settings)) {
      AtomicInteger done = new AtomicInteger();
      int total = references.size();
      checks = checker.checkAll(references, c -> progress.checked(done.incrementAndGet(), total));
      refusals = HarborRefusals.predict(subjects, settings);
    } catch (RegistryConfigurationException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
    List<AuditSubject> result = new ArrayList<>();
    for (AuditSubject s : subjects) {
      result.add(
          new AuditSubject(
              s.chart(),
              s.image(),
              s.reference(),
              s.occurrences(),
              s.target(),
              s.reference() == null ? null : checks.get(s.reference()),
              s.target() == null ? null : checks.get(s.target()),
              s.target() == null ? null : refusals.get(s.target())));
    }
    return result;
  }

  /** Registry access as the configuration and an explicit login say; shared with the rewrite. */
  static RegistrySettings settings(AuditConfig config, RegistryLogin login)
      throws KatafraktosException {
    Map<String, RegistryCredential> explicit = new LinkedHashMap<>();
    for (Map.Entry<String, CredentialRef> ref : config.credentials().entrySet()) {
      explicit.put(ref.getKey(), resolve(ref.getKey(), ref.getValue()));
    }
    if (login != null) {
      explicit.put(login.registry(), new RegistryCredential(login.username(), login.password()));
    }
    RegistrySettings.Builder settings =
        RegistrySettings.builder()
            .credentials(
                RegistryCredentials.chain(
                    RegistryCredentials.explicit(explicit),
                    RegistryCredentials.environment(ownRegistries(config)),
                    RegistryCredentials.dockerConfig()))
            .insecureHosts(config.insecureRegistries());
    if (config.caFile() != null) {
      settings.caFile(config.caFile());
    }
    return settings.build();
  }

  /** The user's registries: the configured one and every mapping's target registry. */
  private static Set<String> ownRegistries(AuditConfig config) {
    Set<String> own = new LinkedHashSet<>();
    if (config.registry() != null) {
      own.add(config.registry());
    }
    config.mappings().forEach(m -> own.add(m.targetRegistry()));
    return own;
  }

  /** A credential by reference, read now: never stored in the configuration or a report. */
  private static RegistryCredential resolve(String registry, CredentialRef ref)
      throws KatafraktosException {
    String username = ref.username() != null ? ref.username() : env(registry, ref.usernameEnv());
    String password;
    if (ref.passwordFile() != null) {
      try {
        password = Files.readString(ref.passwordFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new KatafraktosException(
            null,
            "Cannot read the password file of "
                + registry
                + " ("
                + ref.passwordFile()
                + "): "
                + e.getMessage(),
            e);
      }
    } else {
      password = env(registry, ref.passwordEnv());
    }
    return new RegistryCredential(username, password);
  }

  private static String env(String registry, String variable) throws KatafraktosException {
    if (variable == null) {
      return null;
    }
    String value = System.getenv(variable);
    if (value == null) {
      throw new KatafraktosException(
          null,
          "Credentials for " + registry + ": environment variable " + variable + " is not set",
          null);
    }
    return value;
  }
}
