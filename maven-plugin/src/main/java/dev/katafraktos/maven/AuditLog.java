package dev.katafraktos.maven;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.report.AuditReport;
import dev.katafraktos.report.AuditTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.logging.Log;

/**
 * An audit in the Maven log: the image table, each finding on its own line at its own level, the
 * summary; and the failure message, which says what to do next.
 */
final class AuditLog {
  private AuditLog() {}

  static void print(Log log, AuditResult result) {
    print(log, result, UnaryOperator.identity());
  }

  /** {@link #print(Log, AuditResult)}, with helm's reasons passed through {@code shown}. */
  static void print(Log log, AuditResult result, UnaryOperator<String> shown) {
    AuditReport report = AuditReports.of(result);
    AuditTable.images(report).lines().forEach(log::info);
    for (Finding f : result.findings()) {
      String line = named(report, f.chart()) + ": " + AuditTable.finding(f);
      if (fails(f, result.failOn())) {
        log.error(line);
      } else if (f.severity() == Severity.INFO) {
        log.info(line);
      } else {
        log.warn(line);
      }
    }
    for (RenderFailure f : report.failures()) {
      log.error(named(f) + ": " + redacted("render-failed", shown.apply(f.message())));
    }
    StringBuilder byImage = new StringBuilder();
    AuditTable.byImage(byImage, report);
    byImage.toString().lines().filter(l -> !l.isEmpty()).forEach(log::info);
    AuditTable.summary(report).lines().forEach(log::info);
    KubeVersions.describe(report.kubeVersions()).lines().forEach(log::info);
  }

  /**
   * {@code label: text}, with credentials in {@code text} masked as the reports mask them (a helm
   * error may quote a repository URL with a token in it).
   */
  static String redacted(String label, String text) {
    return AuditTable.finding(new Finding(label, Severity.ERROR, "", "", text, null));
  }

  /** A release as the log names it: with the file that declares it, when a repository does. */
  static String named(AuditReport report, String release) {
    String where = report.declaredIn(release);
    return where == null ? release : release + " (" + where + ")";
  }

  /** A release that could not be rendered, with the file that declares it. */
  static String named(RenderFailure f) {
    return f.declared() == null
        ? f.release()
        : f.release() + " (" + f.declared().origin().display() + ")";
  }

  /** Whether {@code f} alone fails the build: at or above {@code failOn}. */
  static boolean fails(Finding f, Severity failOn) {
    return failOn != Severity.OFF && f.severity().atLeast(failOn);
  }

  /**
   * One message: the releases that could not be rendered, what failed, what to do about each kind
   * of finding, where the details are.
   */
  static String failureMessage(AuditResult result, String registry, String reports) {
    List<RenderFailure> failures = result.inventory().failures();
    List<String> parts = new ArrayList<>();
    if (!failures.isEmpty()) {
      parts.add(renderFailures(failures));
    }
    if (result.failed() || failures.isEmpty()) {
      parts.add(findingsMessage(result, registry));
    }
    if (reports != null) {
      parts.add("Details: " + reports + ".");
    }
    if (failures.isEmpty()) {
      // with a release that does not render, failOn none would not pass: do not suggest it
      parts.add("To only warn, set failOn to none.");
    }
    return String.join(" ", parts);
  }

  private static String renderFailures(List<RenderFailure> failures) {
    List<String> names = new ArrayList<>();
    failures.forEach(f -> names.add(named(f)));
    boolean one = failures.size() == 1;
    return failures.size()
        + (one ? " release" : " releases")
        + " could not be rendered: "
        + String.join(", ", names)
        + ". Fix "
        + (one ? "its chart or values" : "their charts or values")
        + " (helm's reason is logged above), or remove "
        + (one ? "its declaration" : "their declarations")
        + "; "
        + (one ? "its" : "their")
        + " images were not audited, so this fails the build whatever failOn says.";
  }

  private static String findingsMessage(AuditResult result, String registry) {
    Map<String, Integer> byRule = new TreeMap<>();
    result.findings().stream()
        .filter(f -> fails(f, result.failOn()))
        .forEach(f -> byRule.merge(f.ruleId(), 1, Integer::sum));
    int count = byRule.values().stream().mapToInt(Integer::intValue).sum();
    List<String> counts = new ArrayList<>();
    byRule.forEach((rule, n) -> counts.add(rule + " " + n));
    List<String> steps = new ArrayList<>();
    for (String rule : byRule.keySet()) {
      String step = nextStep(rule, result, registry);
      if (step != null) {
        steps.add(step);
      }
    }
    return count
        + (count == 1 ? " image finding" : " image findings")
        + " at or above "
        + AuditImagesMojo.severityName(result.failOn())
        + " ("
        + String.join(", ", counts)
        + ")."
        + (steps.isEmpty() ? "" : " Next: " + String.join("; ", steps) + ".");
  }

  private static String nextStep(String rule, AuditResult result, String registry) {
    return switch (rule) {
      case "external-registry" -> externalRegistry(result, registry);
      case "missing-in-registry" -> missingInRegistry(result);
      case "unauthorized" ->
          "check the credentials: serverId and its <server> in settings.xml, or katafraktos.yaml"
              + " credentials";
      case "unreachable" ->
          "check <registry> and the network or proxy; a private CA needs <caFile>, plain HTTP"
              + " <insecureRegistries>";
      case "registry-error" -> "retry later: the registry answered with an error";
      case "unsafe-registry-answer" ->
          "fix the registry's redirect or token service, or list the host named in the message"
              + " in <insecureRegistries> if you trust that network path";
      case "mutable-tag", "no-digest" ->
          "pin a version tag or a digest (mvn katafraktos:rewrite-values"
              + " -Dkatafraktos.pinDigests)";
      case "platform-missing" -> "push images for every required platform";
      case "harbor-would-refuse" ->
          "fix what the Harbor project's policy refuses (vulnerabilities, signatures, scans)";
      case "invalid-reference" -> "fix the image values so that each is a valid reference";
      case "removed-api", "deprecated-api" ->
          "move the objects to the apiVersion each finding names (upgrade the chart, or set the"
              + " value that selects it) before upgrading the cluster";
      default -> null;
    };
  }

  private static String externalRegistry(AuditResult result, String registry) {
    TreeSet<String> unmapped = new TreeSet<>();
    for (AuditSubject s : result.subjects()) {
      if (has(result, s, "external-registry") && s.target() == null && s.reference() != null) {
        unmapped.add(s.reference().domain());
      }
    }
    String rewrite = "run mvn katafraktos:rewrite-values to point the values at your registry";
    if (mirrorFirst(result)) {
      // rewriting first would point the values at images the targets lack
      rewrite = MIRROR + ", then " + rewrite;
    }
    if (unmapped.isEmpty()) {
      return rewrite;
    }
    String example =
        unmapped.first()
            + "="
            + (registry == null ? "harbor.example.com" : registry)
            + "/"
            + project(unmapped.first());
    return "add a <mapping> for "
        + String.join(", ", unmapped)
        + " to your registry (e.g. <mapping>"
        + example
        + "</mapping>), then "
        + rewrite;
  }

  private static final String MIRROR = "copy the missing images with mvn katafraktos:mirror-images";

  /**
   * Mirror for the images a mapping sends to a target that lacks them (mirror-images copies exactly
   * those), push for the others; mirror is left out when the external-registry step names it
   * already.
   */
  private static String missingInRegistry(AuditResult result) {
    boolean mapped = false;
    boolean unmapped = false;
    for (AuditSubject s : result.subjects()) {
      if (failing(result, s, "missing-in-registry")) {
        mapped |= s.target() != null;
        unmapped |= s.target() == null;
      }
    }
    List<String> steps = new ArrayList<>();
    if (mapped && !(failing(result, "external-registry") && mirrorFirst(result))) {
      steps.add(MIRROR + " (it copies each to where its mapping sends it)");
    }
    if (unmapped || !mapped) {
      steps.add(
          "push the missing images to your registry, or pull them once through its proxy cache");
    }
    return steps.isEmpty() ? null : String.join("; ", steps);
  }

  /** Some image pulled from outside has a mapping target that lacks it: mirror before rewrite. */
  private static boolean mirrorFirst(AuditResult result) {
    return result.subjects().stream()
        .anyMatch(
            s ->
                has(result, s, "external-registry")
                    && s.target() != null
                    && s.targetCheck() != null
                    && s.targetCheck().availability() == Availability.MISSING);
  }

  /** Whether {@code s} has a finding of {@code rule}. */
  private static boolean has(AuditResult result, AuditSubject s, String rule) {
    return result.findings().stream().anyMatch(f -> f.ruleId().equals(rule) && about(f, s));
  }

  /** Whether {@code s} has a finding of {@code rule} that fails the build. */
  private static boolean failing(AuditResult result, AuditSubject s, String rule) {
    return result.findings().stream()
        .anyMatch(f -> f.ruleId().equals(rule) && about(f, s) && fails(f, result.failOn()));
  }

  private static boolean failing(AuditResult result, String rule) {
    return result.findings().stream()
        .anyMatch(f -> f.ruleId().equals(rule) && fails(f, result.failOn()));
  }

  private static boolean about(Finding f, AuditSubject s) {
    return f.isAbout(s.chart(), s.image());
  }

  private static String project(String registry) {
    return registry.equals(ImageRef.DEFAULT_DOMAIN)
        ? "dockerhub-proxy"
        : registry.replaceAll("[^a-z0-9]+", "-") + "-proxy";
  }
}
