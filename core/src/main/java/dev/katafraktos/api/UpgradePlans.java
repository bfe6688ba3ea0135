package dev.katafraktos.api;

import dev.katafraktos.api.RewriteResult.MovedImage;
import dev.katafraktos.api.RewriteResult.UnmovableImage;
import dev.katafraktos.api.RewriteResult.ValueSetting;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.TracedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rewrite for several Kubernetes versions of an upgrade. Charts choose images from {@code
 * .Capabilities.KubeVersion}, so each version is traced and planned on its own; the values files
 * are one, so the plans must agree: one value per values path, and an image moved on one version
 * must move on every version that deploys it (a cluster half on Harbor is what the rewrite is there
 * to prevent).
 */
final class UpgradePlans {
  private UpgradePlans() {}

  /**
   * The edits of every version's plan: a path planned on several versions must get the same value
   * on each.
   *
   * @param conflict called with the message when two versions want different values
   */
  static Map<ValuePath, Object> edits(List<VersionPlan> plans, Refusal conflict)
      throws KatafraktosException {
    Map<ValuePath, Object> edits = new LinkedHashMap<>();
    Map<ValuePath, String> plannedOn = new LinkedHashMap<>();
    boolean insecure = false;
    for (VersionPlan p : plans) {
      for (Map.Entry<ValuePath, String> e : p.plan().edits().entrySet()) {
        Object before = edits.putIfAbsent(e.getKey(), e.getValue());
        if (before != null && !before.equals(e.getValue())) {
          throw conflict.refuse(
              e.getKey()
                  + " must be "
                  + before
                  + " on Kubernetes "
                  + plannedOn.get(e.getKey())
                  + " but "
                  + e.getValue()
                  + " on "
                  + p.kubeVersion()
                  + ": one values file cannot serve both; nothing was written");
        }
        plannedOn.putIfAbsent(e.getKey(), p.kubeVersion());
      }
      insecure |= p.provenance().insecureImagesAllowed();
    }
    if (insecure && !edits.isEmpty()) {
      edits.put(ValuePath.of("global", "security", "allowInsecureImages"), Boolean.TRUE);
    }
    return edits;
  }

  /** Builds the exception that refuses the rewrite. */
  @FunctionalInterface
  interface Refusal {
    KatafraktosException refuse(String message);
  }

  /**
   * Refuses a plan that moves an image on one version and leaves it where it was on another: the
   * values that move it there were not found on the other version, or the other version's templates
   * write it literally.
   */
  static void refusePartialMoves(
      List<VersionPlan> plans,
      Map<ValuePath, String> onCommandLine,
      RewriteRequest request,
      Refusal refusal)
      throws KatafraktosException {
    Map<String, Set<String>> movedOn = new LinkedHashMap<>();
    Map<String, Map<String, UnmovableImage>> missedOn = new LinkedHashMap<>();
    for (VersionPlan p : plans) {
      for (TracedImage image : p.provenance().images()) {
        ImageSite site = image.site();
        List<ValuePath> paths = p.plan().movedBy().get(site);
        String reason = RewriteSummary.commandLine(paths, onCommandLine);
        if (reason == null && paths != null) {
          movedOn.computeIfAbsent(image.image(), k -> new LinkedHashSet<>()).add(p.kubeVersion());
          continue;
        }
        reason = reason != null ? reason : p.plan().unmovable().get(site);
        if (reason != null) {
          missedOn
              .computeIfAbsent(image.image(), k -> new LinkedHashMap<>())
              .putIfAbsent(p.kubeVersion(), RewriteSummary.unmovable(request, image, reason));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    movedOn.forEach(
        (image, moved) -> {
          Map<String, UnmovableImage> missed = missedOn.getOrDefault(image, Map.of());
          missed.forEach(
              (version, why) -> {
                // moved at one place and not at another of the same version is one version's
                // partial rewrite, reported as such; only another version's move makes it a split
                Set<String> elsewhere = new LinkedHashSet<>(moved);
                elsewhere.remove(version);
                if (!elsewhere.isEmpty()) {
                  problems.add(
                      image
                          + " moves on Kubernetes "
                          + String.join(", ", elsewhere)
                          + " but not on "
                          + version
                          + ": "
                          + why.source()
                          + (why.line() > 0 ? ":" + why.line() : "")
                          + " "
                          + why.reason());
                }
              });
        });
    if (!problems.isEmpty()) {
      throw refusal.refuse(
          "the plan does not move every image on every version, nothing was written: "
              + Verification.firstFive(problems));
    }
  }

  /** Each version's targets, counting a mapping as used when it covers an image on any version. */
  static Targets usedOnAnyVersion(Targets targets, List<VersionPlan> plans) {
    Set<Mapping> used = new LinkedHashSet<>();
    plans.forEach(p -> used.addAll(p.targets().used()));
    return new Targets(targets.targets(), targets.alreadyInPlace(), targets.unmapped(), used);
  }

  /** The results of each version's summary as one: every version's images, once each. */
  static RewriteResult merge(
      List<RewriteResult> results, List<RewriteResult.VersionCheck> versions) {
    RewriteResult first = results.get(0);
    Map<String, MovedImage> moved = new LinkedHashMap<>();
    Map<String, UnmovableImage> unmovable = new LinkedHashMap<>();
    Set<String> inPlace = new LinkedHashSet<>();
    Set<String> unmapped = new LinkedHashSet<>();
    Set<String> warnings = new LinkedHashSet<>();
    Set<RewriteResult.UnresolvedName> unresolved = new LinkedHashSet<>();
    boolean insecure = false;
    for (RewriteResult r : results) {
      for (MovedImage m : r.moved()) {
        MovedImage before = moved.get(m.image());
        Set<ValueSetting> values =
            new LinkedHashSet<>(before == null ? List.of() : before.values());
        values.addAll(m.values());
        moved.put(m.image(), new MovedImage(m.image(), m.target(), List.copyOf(values)));
      }
      r.notControllable().forEach(u -> unmovable.putIfAbsent(u.image() + " " + u.source(), u));
      inPlace.addAll(r.alreadyInPlace());
      unmapped.addAll(r.unmapped());
      warnings.addAll(r.warnings());
      unresolved.addAll(r.unresolved());
      insecure |= r.insecureImagesAllowed();
    }
    return new RewriteResult(
        first.chart(),
        first.files(),
        List.copyOf(moved.values()),
        List.copyOf(unmovable.values()),
        List.copyOf(inPlace),
        List.copyOf(unmapped),
        results.get(results.size() - 1).renders(),
        insecure,
        List.copyOf(warnings),
        first.written(),
        first.alsoChanges(),
        List.copyOf(unresolved),
        versions);
  }
}
