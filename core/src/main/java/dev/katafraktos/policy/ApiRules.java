package dev.katafraktos.policy;

import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Rule#REMOVED_API removed-api} and {@link Rule#DEPRECATED_API deprecated-api} rules:
 * each object a release renders for a Kubernetes version, judged against that version by the {@link
 * ApiLifecycle} table.
 *
 * <p>An upgrade goes from the lowest audited version to the highest, so an object is judged against
 * every audited version from the first that renders it on: what the release deployed on the old
 * version holds must still be served after the upgrade, or helm cannot upgrade it. Each object is
 * reported once per release: at the lowest version that no longer serves it (an error naming the
 * release that removed it and the replacement), or else at the lowest version that renders it as
 * deprecated (a warning). A deprecation is not repeated beside the removal it announces.
 */
public final class ApiRules {
  private final PolicyConfig config;
  private final ApiLifecycle lifecycle;

  public ApiRules(PolicyConfig config, ApiLifecycle lifecycle) {
    this.config = Objects.requireNonNull(config, "config");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  /**
   * One release's objects per Kubernetes version it was rendered for.
   *
   * @param kubeVersion the version, never {@code null}
   * @param objects what the release renders for it
   */
  public record Rendering(String kubeVersion, List<KubeObject> objects) {
    public Rendering {
      Objects.requireNonNull(kubeVersion, "kubeVersion");
      objects = List.copyOf(objects);
    }
  }

  /**
   * The findings of one release (as reports name it) over its renderings, removals then
   * deprecations, each by version; renderings whose version is not a Kubernetes version (which no
   * renderer accepts either) are not judged.
   */
  public List<Finding> evaluate(String chart, List<Rendering> renderings) {
    List<Rendering> ordered = new ArrayList<>();
    for (Rendering r : renderings) {
      if (isKubeVersion(r.kubeVersion())) {
        ordered.add(r);
      }
    }
    ordered.sort((a, b) -> ApiLifecycle.compare(a.kubeVersion(), b.kubeVersion()));
    Map<KubeObject, List<String>> renderedOn = new LinkedHashMap<>();
    for (Rendering rendering : ordered) {
      for (KubeObject object : rendering.objects()) {
        if (object.apiVersion() != null && object.kind() != null) {
          List<String> on = renderedOn.computeIfAbsent(object, k -> new ArrayList<>());
          if (!on.contains(rendering.kubeVersion())) {
            on.add(rendering.kubeVersion());
          }
        }
      }
    }
    List<Finding> removed = new ArrayList<>();
    List<Finding> deprecated = new ArrayList<>();
    renderedOn.forEach(
        (object, on) -> {
          Optional<Finding> removal = removal(chart, object, on, ordered);
          if (removal.isPresent()) {
            removal.ifPresent(removed::add);
          } else {
            deprecation(chart, object, on).ifPresent(deprecated::add);
          }
        });
    Comparator<Finding> byVersion =
        (a, b) -> ApiLifecycle.compare(a.kubeVersion(), b.kubeVersion());
    removed.sort(byVersion); // stable: objects of one version stay in render order
    deprecated.sort(byVersion);
    List<Finding> findings = new ArrayList<>(removed);
    findings.addAll(deprecated);
    return findings;
  }

  /**
   * The lowest audited version, from the first that renders the object on, that no longer serves
   * it. Rendered there, applying it fails; rendered only for older versions, the release deployed
   * today holds it, and helm cannot upgrade a release whose stored manifest holds an API the
   * cluster no longer serves.
   */
  private Optional<Finding> removal(
      String chart, KubeObject object, List<String> on, List<Rendering> ordered) {
    for (Rendering target : ordered) {
      String version = target.kubeVersion();
      if (ApiLifecycle.compare(version, on.get(0)) < 0) {
        continue;
      }
      Optional<ApiLifecycle.Status> status =
          lifecycle.status(object.apiVersion(), object.kind(), version);
      if (status.isPresent() && status.get().state() == ApiLifecycle.State.REMOVED) {
        ApiLifecycle.Entry e = status.get().entry();
        String removedIn = e.apiVersion() + " " + e.kind() + " was removed in " + e.removedIn();
        String message =
            on.contains(version)
                ? object.describe()
                    + " is rendered for Kubernetes "
                    + version
                    + ", which no longer serves it: "
                    + removedIn
                    + "; "
                    + migration(e)
                : object.describe()
                    + ", rendered for Kubernetes "
                    + String.join(", ", on)
                    + ", is not served by Kubernetes "
                    + version
                    + ": "
                    + removedIn
                    + "; helm cannot upgrade a release whose stored manifest holds it there, so"
                    + " upgrade the release before the cluster reaches "
                    + e.removedIn()
                    + " (or repair it with helm's mapkubeapis plugin)";
        return finding(chart, Rule.REMOVED_API, object, version, message);
      }
    }
    return Optional.empty();
  }

  /** The lowest version that renders the object and serves it as deprecated. */
  private Optional<Finding> deprecation(String chart, KubeObject object, List<String> on) {
    for (String version : on) {
      Optional<ApiLifecycle.Status> status =
          lifecycle.status(object.apiVersion(), object.kind(), version);
      if (status.isPresent()) {
        ApiLifecycle.Entry e = status.get().entry();
        String removal = e.removedIn() == null ? "" : ", removed in " + e.removedIn();
        String message =
            object.describe()
                + " is deprecated in Kubernetes "
                + version
                + " (since "
                + e.deprecatedIn()
                + removal
                + "); "
                + migration(e);
        return finding(chart, Rule.DEPRECATED_API, object, version, message);
      }
    }
    return Optional.empty();
  }

  private Optional<Finding> finding(
      String chart, Rule rule, KubeObject object, String version, String message) {
    Severity severity = config.severity(rule);
    return severity == Severity.OFF
        ? Optional.empty()
        : Optional.of(Finding.about(object, version, rule.id(), severity, chart, message));
  }

  private static String migration(ApiLifecycle.Entry e) {
    if (e.replacement() == null) {
      return e.note() == null ? "it has no replacement API" : e.note();
    }
    return "use " + e.replacement();
  }

  private static boolean isKubeVersion(String version) {
    try {
      ApiLifecycle.majorMinor(version);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
