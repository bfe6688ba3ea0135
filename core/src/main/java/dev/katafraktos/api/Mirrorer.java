package dev.katafraktos.api;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Origin;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mappings;
import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import dev.katafraktos.registry.HarborClient;
import dev.katafraktos.registry.HarborException;
import dev.katafraktos.registry.HarborProject;
import dev.katafraktos.registry.ImageCopier;
import dev.katafraktos.registry.Registries;
import dev.katafraktos.registry.RegistryConfigurationException;
import dev.katafraktos.registry.RegistrySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The mirror run: inventory, the mapped (source, target) pairs, Harbor's view of the target
 * projects, the plan, the pull budget, then the copy.
 */
final class Mirrorer {
  private Mirrorer() {}

  static MirrorResult mirror(Inventory inventory, MirrorRequest request, MirrorProgress progress)
      throws KatafraktosException {
    return mirror(
        inventory, request, progress, Auditor.settings(request.config(), request.credentials()));
  }

  /**
   * The run with these registry settings; tests use it to make a registry on 127.0.0.1 count pulls
   * as Docker Hub does ({@link RegistrySettings#headOnlyRegistries()}).
   */
  static MirrorResult mirror(
      Inventory inventory,
      MirrorRequest request,
      MirrorProgress progress,
      RegistrySettings settings)
      throws KatafraktosException {
    Mappings mappings = request.config().mappingRules();
    Map<List<ImageRef>, String> firstSeen = new LinkedHashMap<>();
    Map<List<ImageRef>, Set<String>> charts = new LinkedHashMap<>();
    Set<String> unmapped = new LinkedHashSet<>();
    for (ChartInventory chart : inventory.charts()) {
      for (InventoryImage image : chart.images()) {
        if (image.occurrences().stream().allMatch(o -> o.origin() == Origin.ANNOTATION)) {
          continue; // a Chart.yaml image list names images the render may not deploy at all
        }
        ImageRef source = image.reference();
        if (source == null) {
          continue; // a bare name composed at run time: nothing to copy by itself
        }
        Optional<ImageRef> target = mappings.target(source);
        if (target.isEmpty()) {
          if (!inPlace(source, request.config())) {
            unmapped.add(image.image());
          }
          continue;
        }
        List<ImageRef> pair = List.of(source, target.get());
        firstSeen.putIfAbsent(pair, image.image());
        charts.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(chart.chart());
      }
    }
    Map<String, String> proxyProjects = harborProjects(firstSeen.keySet(), settings);
    ImageCopier.Options options =
        new ImageCopier.Options(request.platforms(), request.signatures(), request.jobs());
    try (ImageCopier copier = Registries.copier(settings, options)) {
      List<ImageRef[]> pairs = new ArrayList<>();
      firstSeen.keySet().forEach(p -> pairs.add(new ImageRef[] {p.get(0), p.get(1)}));
      Function<CopyPlan, CopyOutcome> proxyCache =
          plan -> {
            String proxy = proxyProjects.get(projectKey(plan.target()));
            // Harbor answers a manifest HEAD in a proxy-cache project from the upstream
            // (repoproxy proxyManifestHead), so PRESENT there says nothing about its cache.
            if (proxy == null || plan.state() == CopyPlan.State.FAILED) {
              return null;
            }
            return request.warm()
                ? copier.warm(plan)
                : CopyOutcome.of(plan, CopyOutcome.State.FAILED, proxyCacheMessage(plan, proxy));
          };
      AtomicInteger done = new AtomicInteger();
      Consumer<CopyOutcome> copied = o -> progress.copied(o, done.incrementAndGet(), pairs.size());
      boolean counted =
          pairs.stream().anyMatch(p -> settings.headOnlyRegistries().contains(p[0].domain()));
      if (!request.dryRun() && !counted) {
        // no budget to check first: each image is copied as soon as it is planned
        List<CopyOutcome> outcomes = copier.planAndCopy(pairs, proxyCache, copied);
        List<CopyPlan> plans = outcomes.stream().map(CopyOutcome::plan).toList();
        return result(
            inventory,
            firstSeen,
            charts,
            proxyProjects,
            plans,
            outcomes,
            unmapped,
            List.of(),
            null,
            false);
      }
      AtomicInteger planned = new AtomicInteger();
      List<CopyPlan> plans =
          copier.planAll(pairs, p -> progress.planned(planned.incrementAndGet(), pairs.size()));
      List<PullBudget> budgets = budgets(plans, settings, request.maxPulls());
      String refusal = refusal(budgets);
      if (request.dryRun() || refusal != null) {
        return result(
            inventory,
            firstSeen,
            charts,
            proxyProjects,
            plans,
            null,
            unmapped,
            budgets,
            refusal,
            request.dryRun());
      }
      for (PullBudget budget : budgets) {
        if (budget.allowed() != null) {
          copier.limitPulls(budget.registry(), budget.allowed());
        }
      }
      List<CopyOutcome> outcomes = copier.copyAll(plans, proxyCache, copied);
      return result(
          inventory,
          firstSeen,
          charts,
          proxyProjects,
          plans,
          outcomes,
          unmapped,
          budgets,
          null,
          false);
    } catch (RegistryConfigurationException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
  }

  /** One {@link MirrorImage} per pair, in the order first seen; {@code outcomes} may be null. */
  private static MirrorResult result(
      Inventory inventory,
      Map<List<ImageRef>, String> firstSeen,
      Map<List<ImageRef>, Set<String>> charts,
      Map<String, String> proxyProjects,
      List<CopyPlan> plans,
      List<CopyOutcome> outcomes,
      Set<String> unmapped,
      List<PullBudget> budgets,
      String refusal,
      boolean dryRun) {
    List<MirrorImage> images = new ArrayList<>();
    int i = 0;
    for (List<ImageRef> pair : firstSeen.keySet()) {
      images.add(
          new MirrorImage(
              firstSeen.get(pair),
              List.copyOf(charts.get(pair)),
              plans.get(i),
              outcomes == null ? null : outcomes.get(i),
              proxyProjects.get(projectKey(pair.get(1)))));
      i++;
    }
    return new MirrorResult(inventory, images, List.copyOf(unmapped), budgets, refusal, dryRun);
  }

  /** The image comes from the user's registry or a mapping's target already. */
  private static boolean inPlace(ImageRef image, AuditConfig config) {
    if (image.domain().equals(config.registry())) {
      return true;
    }
    return config.mappings().stream()
        .anyMatch(
            m -> image.name().equals(m.target()) || image.name().startsWith(m.target() + "/"));
  }

  private static String proxyCacheMessage(CopyPlan plan, String project) {
    return "Harbor project "
        + project
        + " is a proxy cache: Harbor refuses pushes to it. Run with --warm to pull "
        + plan.target()
        + " through it so that Harbor caches it, or map to a regular project";
  }

  /** {@code registry/project} of a target whose repository has a project segment. */
  private static String projectKey(ImageRef target) {
    int slash = target.path().indexOf('/');
    return slash < 0 ? null : target.domain() + "/" + target.path().substring(0, slash);
  }

  /**
   * The proxy-cache projects among the targets' projects, keyed {@code registry/project}. A target
   * registry whose API says it is Harbor must hold every project named: one that does not exist is
   * an error naming it. A registry that is not Harbor is used as a plain registry.
   */
  private static Map<String, String> harborProjects(
      Set<List<ImageRef>> pairs, RegistrySettings settings) throws KatafraktosException {
    Map<String, Set<String>> projects = new LinkedHashMap<>();
    for (List<ImageRef> pair : pairs) {
      ImageRef target = pair.get(1);
      int slash = target.path().indexOf('/');
      if (slash > 0) {
        projects
            .computeIfAbsent(target.domain(), k -> new LinkedHashSet<>())
            .add(target.path().substring(0, slash));
      }
    }
    Map<String, String> proxies = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> registry : projects.entrySet()) {
      try (HarborClient harbor = Registries.harbor(registry.getKey(), settings)) {
        if (!harbor.isHarbor()) {
          continue;
        }
        for (String name : registry.getValue()) {
          Optional<HarborProject> project = harbor.project(name);
          if (project.isEmpty()) {
            throw new KatafraktosException(
                null,
                "Harbor at "
                    + registry.getKey()
                    + " has no project '"
                    + name
                    + "' (or these credentials cannot see it); create it, or fix the mapping"
                    + " that sends images there",
                null);
          }
          if (project.get().proxyCache()) {
            proxies.put(registry.getKey() + "/" + name, name);
          }
        }
      } catch (HarborException e) {
        throw new KatafraktosException(null, e.getMessage(), e);
      } catch (RegistryConfigurationException e) {
        throw new KatafraktosException(null, e.getMessage(), e);
      }
    }
    return proxies;
  }

  /** Pulls needed per registry that counts them, against what it said was left. */
  private static List<PullBudget> budgets(
      List<CopyPlan> plans, RegistrySettings settings, Integer maxPulls) {
    Map<String, int[]> needed = new LinkedHashMap<>();
    Map<String, Boolean> exact = new LinkedHashMap<>();
    Map<String, Integer> remaining = new LinkedHashMap<>();
    for (CopyPlan plan : plans) {
      String registry = plan.source().domain();
      if (!settings.headOnlyRegistries().contains(registry)) {
        continue;
      }
      if (plan.state() == CopyPlan.State.COPY) {
        needed.computeIfAbsent(registry, k -> new int[1])[0] += plan.pulls();
        exact.merge(registry, plan.pullsExact(), Boolean::logicalAnd);
      }
      RateLimit limit = plan.rateLimit();
      if (limit != null) {
        remaining.merge(registry, limit.remaining(), Math::min);
      }
    }
    List<PullBudget> budgets = new ArrayList<>();
    needed.forEach(
        (registry, n) ->
            budgets.add(
                new PullBudget(
                    registry, n[0], exact.get(registry), remaining.get(registry), maxPulls)));
    return budgets;
  }

  private static String refusal(List<PullBudget> budgets) {
    for (PullBudget budget : budgets) {
      if (budget.exceeded()) {
        return "Not starting: "
            + budget.describe()
            + "; wait for the window to reset, log in for a larger limit, or mirror fewer images";
      }
    }
    return null;
  }
}
