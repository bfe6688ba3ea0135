package dev.katafraktos.report;

import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.model.Release;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of an audit: every image of every chart with its checks, every finding, counts, and
 * what the images still pulled from Docker Hub cost.
 *
 * @param subjects the images audited, per chart, in chart order
 * @param findings the findings, in subject order
 * @param summary counts
 * @param dockerHub the Docker Hub pull budget
 * @param releases the declared releases (with environment and declaring file) by the name the
 *     report gives them; empty when charts were named directly
 * @param failures the releases of a release set that could not be rendered
 * @param kubeVersions per release audited for several Kubernetes versions, its images by version
 *     and those that differ; empty when at most one version was asked for
 */
public record AuditReport(
    List<AuditSubject> subjects,
    List<Finding> findings,
    Summary summary,
    DockerHubBudget dockerHub,
    Map<String, Release> releases,
    List<RenderFailure> failures,
    List<KubeVersions.Differences> kubeVersions) {

  public AuditReport {
    subjects = List.copyOf(subjects);
    findings = List.copyOf(findings);
    releases = Collections.unmodifiableMap(new LinkedHashMap<>(releases));
    failures = List.copyOf(failures);
    kubeVersions = List.copyOf(kubeVersions);
  }

  /** A report of {@code subjects} and their {@code findings}, with the counts computed. */
  public static AuditReport of(List<AuditSubject> subjects, List<Finding> findings) {
    return of(subjects, findings, Map.of(), List.of());
  }

  /**
   * A report that also knows the declared releases (by the name reports give them, see {@link
   * AuditSubject#chart()}) and the releases that could not be rendered.
   */
  public static AuditReport of(
      List<AuditSubject> subjects,
      List<Finding> findings,
      Map<String, Release> releases,
      List<RenderFailure> failures) {
    return of(subjects, findings, releases, failures, List.of());
  }

  /**
   * A report that also knows, for releases audited for several Kubernetes versions, the images by
   * version and those that differ.
   */
  public static AuditReport of(
      List<AuditSubject> subjects,
      List<Finding> findings,
      Map<String, Release> releases,
      List<RenderFailure> failures,
      List<KubeVersions.Differences> kubeVersions) {
    return new AuditReport(
        subjects,
        findings,
        Summary.of(subjects, findings),
        DockerHubBudget.of(subjects),
        releases,
        failures,
        kubeVersions);
  }

  /** The declared release a chart of the report stands for, or {@code null}. */
  public Release release(String chart) {
    return releases.get(chart);
  }

  /**
   * Where a declared release comes from, e.g. {@code argocd apps/prod/web.yaml}, or {@code null}
   * for a chart named directly.
   */
  public String declaredIn(String chart) {
    Release r = releases.get(chart);
    return r == null ? null : r.origin().display();
  }

  /**
   * The images that have findings, each with every release that uses it: what to fix once for many
   * releases. In order of first appearance.
   */
  public List<ImageGroup> byImage() {
    Map<String, List<AuditSubject>> uses = new LinkedHashMap<>();
    for (AuditSubject s : subjects) {
      if (!findingsOf(s).isEmpty()) {
        String key = s.reference() == null ? s.image() : s.reference().toString();
        uses.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      }
    }
    List<ImageGroup> groups = new ArrayList<>();
    uses.forEach(
        (image, subjectsOfImage) -> {
          Set<String> rules = new TreeSet<>();
          Set<String> charts = new LinkedHashSet<>();
          Set<String> environments = new TreeSet<>();
          Severity worst = Severity.INFO;
          for (AuditSubject s : subjectsOfImage) {
            charts.add(s.chart());
            Release r = releases.get(s.chart());
            if (r != null && r.environment() != null) {
              environments.add(r.environment());
            }
            for (Finding f : findingsOf(s)) {
              rules.add(f.ruleId());
              worst = f.severity().atLeast(worst) ? f.severity() : worst;
            }
          }
          groups.add(
              new ImageGroup(
                  image,
                  worst,
                  List.copyOf(rules),
                  List.copyOf(charts),
                  List.copyOf(environments)));
        });
    return groups;
  }

  /**
   * One image with findings and the releases that use it.
   *
   * @param image the normalized image (as rendered when it is not a valid reference)
   * @param severity the highest severity of its findings
   * @param rules the rule ids of its findings, sorted
   * @param releases the releases (charts) that use it, in report order
   * @param environments the environments of those releases that have one, sorted
   */
  public record ImageGroup(
      String image,
      Severity severity,
      List<String> rules,
      List<String> releases,
      List<String> environments) {

    /** {@code used by 7 releases in 3 environments (dev, prod, staging)}. */
    public String usedBy() {
      String text =
          "used by " + releases.size() + (releases.size() == 1 ? " release" : " releases");
      if (environments.isEmpty()) {
        return text;
      }
      return text
          + " in "
          + environments.size()
          + (environments.size() == 1 ? " environment" : " environments")
          + " ("
          + String.join(", ", environments)
          + ")";
    }
  }

  static String slashes(java.nio.file.Path path) {
    return path.toString().replace(java.io.File.separatorChar, '/');
  }

  /** Whether any finding is at least {@code threshold} ({@link Severity#OFF}: never). */
  public boolean fails(Severity threshold) {
    return threshold != Severity.OFF
        && findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** The charts, in the order their subjects come. */
  public List<String> charts() {
    Set<String> charts = new LinkedHashSet<>();
    subjects.forEach(s -> charts.add(s.chart()));
    findings.forEach(f -> charts.add(f.chart())); // a release may have object findings only
    return List.copyOf(charts);
  }

  /** The findings of one image of one chart. */
  public List<Finding> findingsOf(AuditSubject subject) {
    return findings.stream().filter(f -> f.isAbout(subject.chart(), subject.image())).toList();
  }

  /** The findings about the objects one chart renders (removed and deprecated APIs). */
  public List<Finding> objectFindingsOf(String chart) {
    return findings.stream().filter(f -> f.object() != null && f.chart().equals(chart)).toList();
  }

  /**
   * Counts.
   *
   * @param charts charts audited
   * @param images distinct images over all charts
   * @param checked images whose registry was asked (not offline)
   * @param errors findings at error level
   * @param warnings findings at warning level
   * @param infos findings at info level
   * @param byRule findings per rule id, sorted by id
   */
  public record Summary(
      int charts,
      int images,
      int checked,
      int errors,
      int warnings,
      int infos,
      Map<String, Integer> byRule) {
    public Summary {
      byRule = Map.copyOf(byRule);
    }

    static Summary of(List<AuditSubject> subjects, List<Finding> findings) {
      Set<String> charts = new LinkedHashSet<>();
      Set<String> images = new LinkedHashSet<>();
      int checked = 0;
      for (AuditSubject s : subjects) {
        charts.add(s.chart());
        images.add(s.reference() == null ? s.image() : s.reference().toString());
        checked += s.check() != null || s.targetCheck() != null ? 1 : 0;
      }
      Map<String, Integer> byRule = new TreeMap<>();
      findings.forEach(f -> byRule.merge(f.ruleId(), 1, Integer::sum));
      return new Summary(
          charts.size(),
          images.size(),
          checked,
          count(findings, Severity.ERROR),
          count(findings, Severity.WARNING),
          count(findings, Severity.INFO),
          byRule);
    }

    private static int count(List<Finding> findings, Severity severity) {
      return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }
  }

  /**
   * What the images still pulled from Docker Hub cost: every node that starts them all pulls each
   * once, against Docker Hub's anonymous limit (100 pulls per 6 hours per IP address).
   *
   * @param images distinct images still referenced from Docker Hub, over all charts
   * @param rateLimit the limit Docker Hub reported during the audit, or {@code null} when not asked
   */
  public record DockerHubBudget(List<String> images, RateLimit rateLimit) {
    public DockerHubBudget {
      images = List.copyOf(images);
    }

    /** Pulls one node spends to start every such image once. */
    public int pulls() {
      return images.size();
    }

    static DockerHubBudget of(List<AuditSubject> subjects) {
      Set<String> images = new LinkedHashSet<>();
      RateLimit limit = null;
      for (AuditSubject s : subjects) {
        ImageRef ref = s.reference();
        if (ref != null && ref.domain().equals(ImageRef.DEFAULT_DOMAIN)) {
          images.add(ref.toString());
          ImageCheck check = s.check();
          if (check != null
              && check.rateLimit() != null
              && (limit == null || check.rateLimit().remaining() < limit.remaining())) {
            limit = check.rateLimit(); // the lowest remaining is the latest state of the budget
          }
        }
      }
      return new DockerHubBudget(List.copyOf(images), limit);
    }
  }
}
