package dev.katafraktos.policy;

import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Severity;
import java.util.ArrayList;
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
 * <p>A release audited for several versions renders the same object on each; it is reported once,
 * at the lowest version that judges it: removed there (an error naming the release that removed
 * it), or else deprecated there (a warning). A deprecation is not repeated beside the removal it
 * announces.
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
   * The findings of one release (as reports name it) over its renderings; renderings whose version
   * is not a Kubernetes version (which no renderer accepts either) are not judged.
   */
  public List<Finding> evaluate(String chart, List<Rendering> renderings) {
    List<Rendering> ordered = new ArrayList<>();
    for (Rendering r : renderings) {
      if (isKubeVersion(r.kubeVersion())) {
        ordered.add(r);
      }
    }
    ordered.sort((a, b) -> ApiLifecycle.compare(a.kubeVersion(), b.kubeVersion()));
    Map<KubeObject, Judged> removed = new LinkedHashMap<>();
    Map<KubeObject, Judged> deprecated = new LinkedHashMap<>();
    for (Rendering rendering : ordered) {
      for (KubeObject object : rendering.objects()) {
        if (object.apiVersion() == null || object.kind() == null) {
          continue;
        }
        Optional<ApiLifecycle.Status> status =
            lifecycle.status(object.apiVersion(), object.kind(), rendering.kubeVersion());
        if (status.isEmpty()) {
          continue;
        }
        Judged judged = new Judged(object, rendering.kubeVersion(), status.get().entry());
        (status.get().state() == ApiLifecycle.State.REMOVED ? removed : deprecated)
            .putIfAbsent(object, judged);
      }
    }
    List<Finding> findings = new ArrayList<>();
    removed.values().forEach(j -> add(findings, chart, Rule.REMOVED_API, j, removedText(j)));
    deprecated.values().stream()
        .filter(j -> !removed.containsKey(j.object()))
        .forEach(j -> add(findings, chart, Rule.DEPRECATED_API, j, deprecatedText(j)));
    return findings;
  }

  private void add(List<Finding> out, String chart, Rule rule, Judged j, String message) {
    Severity severity = config.severity(rule);
    if (severity != Severity.OFF) {
      out.add(Finding.about(j.object(), j.kubeVersion(), rule.id(), severity, chart, message));
    }
  }

  private static String removedText(Judged j) {
    ApiLifecycle.Entry e = j.entry();
    return j.object().describe()
        + " is not served by Kubernetes "
        + j.kubeVersion()
        + ": "
        + e.apiVersion()
        + " "
        + e.kind()
        + " was removed in "
        + e.removedIn()
        + "; "
        + migration(e);
  }

  private static String deprecatedText(Judged j) {
    ApiLifecycle.Entry e = j.entry();
    String removal = e.removedIn() == null ? "" : ", removed in " + e.removedIn();
    return j.object().describe()
        + " is deprecated in Kubernetes "
        + j.kubeVersion()
        + " (since "
        + e.deprecatedIn()
        + removal
        + "); "
        + migration(e);
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

  private record Judged(KubeObject object, String kubeVersion, ApiLifecycle.Entry entry) {}
}
