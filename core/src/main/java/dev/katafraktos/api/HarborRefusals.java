package dev.katafraktos.api;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.registry.HarborArtifact;
import dev.katafraktos.registry.HarborClient;
import dev.katafraktos.registry.HarborException;
import dev.katafraktos.registry.HarborProject;
import dev.katafraktos.registry.HarborPullPolicy;
import dev.katafraktos.registry.Registries;
import dev.katafraktos.registry.RegistryConfigurationException;
import dev.katafraktos.registry.RegistrySettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which mapped targets Harbor would refuse to serve because of its vulnerability policy. Asks
 * Harbor's API on each target registry for the target's project (its first path segment) and, when
 * the project prevents vulnerable pulls, for the artifact's scan. A registry that is not Harbor
 * (its API answers 404 or not at all) gives no prediction, as does an artifact Harbor does not hold
 * yet.
 */
final class HarborRefusals {
  private HarborRefusals() {}

  static Map<ImageRef, String> predict(List<AuditSubject> subjects, RegistrySettings settings)
      throws RegistryConfigurationException {
    Map<String, Set<ImageRef>> byRegistry = new LinkedHashMap<>();
    for (AuditSubject subject : subjects) {
      ImageRef target = subject.target();
      if (target != null && target.path().contains("/")) {
        byRegistry.computeIfAbsent(target.domain(), k -> new LinkedHashSet<>()).add(target);
      }
    }
    Map<ImageRef, String> refusals = new HashMap<>();
    for (Map.Entry<String, Set<ImageRef>> registry : byRegistry.entrySet()) {
      try (HarborClient harbor = Registries.harbor(registry.getKey(), settings)) {
        predict(harbor, registry.getValue(), refusals);
      } catch (HarborException e) {
        // not a Harbor, or its API is closed to us: the registry checks still stand
      }
    }
    return refusals;
  }

  private static void predict(HarborClient harbor, Set<ImageRef> targets, Map<ImageRef, String> out)
      throws HarborException {
    Map<String, Optional<HarborProject>> projects = new HashMap<>();
    for (ImageRef target : targets) {
      int slash = target.path().indexOf('/');
      String projectName = target.path().substring(0, slash);
      String repository = target.path().substring(slash + 1);
      if (!projects.containsKey(projectName)) {
        projects.put(projectName, harbor.project(projectName));
      }
      Optional<HarborProject> project = projects.get(projectName);
      if (project.isEmpty() || !project.get().preventVulnerableImages()) {
        continue;
      }
      String reference = target.digest() != null ? target.digest() : target.tag();
      Optional<HarborArtifact> artifact = harbor.artifact(projectName, repository, reference);
      if (artifact.isPresent()) {
        HarborPullPolicy.Verdict verdict =
            HarborPullPolicy.predict(project.get(), artifact.get(), target.toString());
        if (verdict.wouldRefuse()) {
          out.put(target, verdict.reason());
        }
      }
    }
  }
}
