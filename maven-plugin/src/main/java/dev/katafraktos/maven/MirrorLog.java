package dev.katafraktos.maven;

import dev.katafraktos.api.MirrorImage;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.PullBudget;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.frontend.MirrorReport;
import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.logging.Log;

/**
 * A mirror run in the Maven log: the table of images, each image not mirrored and each release not
 * rendered on an error line; and the failure message, which names those images and what to do.
 */
final class MirrorLog {
  private MirrorLog() {}

  /** The table, the pull budgets, then one error line per thing left undone. */
  static void print(Log log, MirrorResult result, UnaryOperator<String> shown) {
    for (String line : MirrorReport.table(result).lines().toList()) {
      if (line.startsWith("warning: ")) {
        log.warn(plugin(line.substring("warning: ".length())));
      } else {
        log.info(plugin(line));
      }
    }
    for (PullBudget budget : result.budgets()) {
      log.info("Pulls at " + plugin(budget.describe()));
    }
    for (RenderFailure f : result.inventory().failures()) {
      log.error(
          AuditLog.named(f) + ": " + AuditLog.redacted("render-failed", shown.apply(f.message())));
    }
    if (result.refusal() != null) {
      log.error(plugin(result.refusal()));
      return;
    }
    for (MirrorImage image : result.images()) {
      String why = reason(image);
      if (why != null) {
        log.error(image.plan().source() + " -> " + image.plan().target() + ": " + why);
      }
    }
  }

  /**
   * Why the goal fails, or {@code null} when every mapped image is at its target (or, in a dry run,
   * can be copied) and every release rendered.
   */
  static String failureMessage(MirrorResult result) {
    List<String> parts = new ArrayList<>();
    List<RenderFailure> failures = result.inventory().failures();
    if (!failures.isEmpty()) {
      List<String> names = new ArrayList<>();
      failures.forEach(f -> names.add(AuditLog.named(f)));
      boolean one = failures.size() == 1;
      parts.add(
          failures.size()
              + (one ? " release" : " releases")
              + " could not be rendered: "
              + String.join(", ", names)
              + (one ? "; fix its chart or values" : "; fix their charts or values")
              + " (helm's reason is logged above): "
              + (one ? "its" : "their")
              + " images were not mirrored.");
    }
    if (result.refusal() != null) {
      parts.add(plugin(result.refusal()) + ".");
    } else if (result.failed()) {
      parts.add(imagesMessage(result));
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private static String imagesMessage(MirrorResult result) {
    List<String> left = new ArrayList<>();
    boolean notStarted = false;
    for (MirrorImage image : result.images()) {
      String why = reason(image);
      if (why != null) {
        left.add(image.plan().source() + " -> " + image.plan().target() + " (" + why + ")");
        notStarted |=
            image.outcome() != null && image.outcome().state() == CopyOutcome.State.NOT_STARTED;
      }
    }
    int total = result.images().size();
    boolean one = left.size() == 1;
    String what =
        result.dryRun()
            ? (one ? " image cannot be copied: " : " images cannot be copied: ")
            : " of "
                + total
                + (total == 1 ? " image" : " images")
                + (one ? " was" : " were")
                + " not mirrored: ";
    return left.size()
        + what
        + String.join("; ", left)
        + ". Fix what each reason names (a target needs a login with push rights: serverId;"
        + " a private CA: caFile; plain HTTP: insecureRegistries)"
        + (notStarted ? ", wait for the source's pull limit to reset," : "")
        + " and run mvn katafraktos:mirror-images again: it copies only what the targets still"
        + " lack.";
  }

  /** Why the image is not (or, in a dry run, cannot be) at its target; {@code null} when it is. */
  static String reason(MirrorImage image) {
    CopyOutcome outcome = image.outcome();
    if (outcome != null) {
      if (outcome.done()) {
        return null;
      }
      return outcome.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + (outcome.message() == null ? "" : ": " + plugin(outcome.message()));
    }
    CopyPlan plan = image.plan();
    if (plan.state() != CopyPlan.State.FAILED) {
      return null;
    }
    return "cannot copy" + (plan.message() == null ? "" : ": " + plugin(plan.message()));
  }

  /**
   * Core's messages name the command line's flags; here they are the plugin's parameters (e.g.
   * Mirrorer's proxy-cache advice "Run with --warm", PullBudget's "--max-pulls N").
   */
  static String plugin(String text) {
    return text.replace("--max-pulls ", "maxPulls ")
        .replace("--platform ", "platforms ")
        .replace("--warm", "-Dkatafraktos.warm");
  }
}
