package dev.katafraktos.maven;

import dev.katafraktos.api.ReleaseSetRewrite;
import dev.katafraktos.api.RewriteResult;
import dev.katafraktos.api.RewriteResult.UnmovableImage;
import dev.katafraktos.report.RewriteText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.logging.Log;

/**
 * A rewrite in the Maven log: per release (with its declaring file, for a release set) the diffs of
 * a dry run and the summary; and the failure message for what could not be rewritten or moved.
 */
final class RewriteLog {
  private RewriteLog() {}

  /**
   * One release's rewrite: the diffs of a dry run, then the summary; paths through {@code shown}.
   */
  static void print(Log log, RewriteResult result, boolean dryRun, UnaryOperator<String> shown) {
    if (dryRun) {
      result.files().forEach(f -> f.diff().lines().map(shown).forEach(log::info));
    }
    RewriteText.write(result, dryRun).lines().map(shown).forEach(log::info);
  }

  /**
   * Every release of a release set, each under a line that names it and its declaring file; core's
   * messages through {@code shown}.
   */
  static void print(
      Log log, ReleaseSetRewrite rewrite, boolean dryRun, UnaryOperator<String> shown) {
    for (ReleaseSetRewrite.Entry e : rewrite.releases()) {
      String name = named(e);
      if (e.result() == null) {
        log.error(name + ": " + AuditLog.redacted("cannot be rewritten", shown.apply(e.error())));
      } else {
        log.info(name);
        print(log, e.result(), dryRun, shown);
      }
    }
  }

  /** {@code web [prod] (argocd apps/web.yaml)}, or the release alone for a chart named directly. */
  static String named(ReleaseSetRewrite.Entry e) {
    return e.declared() == null
        ? e.release()
        : e.release() + " (" + e.declared().origin().display() + ")";
  }

  /** The images of {@code result} that values cannot move, each with where and why. */
  static List<String> unmovable(RewriteResult result) {
    List<String> images = new ArrayList<>();
    for (UnmovableImage image : result.notControllable()) {
      images.add(
          image.image()
              + " ("
              + image.source()
              + (image.line() > 0 ? ":" + image.line() : "")
              + ": "
              + image.reason()
              + ")");
    }
    return images;
  }

  /**
   * Why the goal fails, or {@code null} when every release was rewritten and every mapped image
   * moved: the releases that could not be rewritten, then the images values cannot move.
   *
   * @param written what became of the other edits, e.g. {@code "The other edits were written"}
   */
  static String failureMessage(ReleaseSetRewrite rewrite, String written) {
    List<String> failed = new ArrayList<>();
    List<String> unmovable = new ArrayList<>();
    for (ReleaseSetRewrite.Entry e : rewrite.releases()) {
      if (e.result() == null) {
        failed.add(named(e));
      } else {
        unmovable(e.result()).forEach(image -> unmovable.add(e.release() + ": " + image));
      }
    }
    if (failed.isEmpty() && unmovable.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (!failed.isEmpty()) {
      parts.add(
          failed.size()
              + (failed.size() == 1 ? " release" : " releases")
              + " could not be rewritten: "
              + String.join(", ", failed)
              + " (the reason is logged above); fix their charts or values so that they render.");
    }
    if (!unmovable.isEmpty()) {
      parts.add(unmovableMessage(unmovable));
    }
    parts.add(written + ".");
    return String.join(" ", parts);
  }

  /** {@code 2 images cannot be moved by values: ...; move these in the chart's templates...}. */
  static String unmovableMessage(List<String> unmovable) {
    return unmovable.size()
        + (unmovable.size() == 1 ? " image cannot" : " images cannot")
        + " be moved by values: "
        + String.join("; ", unmovable)
        + "; move these in the chart's templates, or ask its maintainers for a value.";
  }
}
