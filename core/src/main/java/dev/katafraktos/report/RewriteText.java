package dev.katafraktos.report;

import dev.katafraktos.api.RewriteResult;
import java.util.List;

/** The summary a person reads after {@code katafraktos rewrite}. */
public final class RewriteText {
  private RewriteText() {}

  public static String write(RewriteResult result, boolean dryRun) {
    StringBuilder out = new StringBuilder();
    out.append(result.chart())
        .append(": ")
        .append(count(result.moved().size(), "image") + (dryRun ? " to move" : " moved"))
        .append(", ")
        .append(result.alreadyInPlace().size())
        .append(" already in place, ")
        .append(result.notControllable().size())
        .append(" cannot be moved, ")
        .append(result.unmapped().size())
        .append(" not mapped (")
        .append(count(result.renders(), "render"))
        .append(")\n");
    versions(out, result.kubeVersions());
    if (!result.moved().isEmpty()) {
      out.append("\n").append(dryRun ? "Would move:" : "Moved:").append('\n');
      for (RewriteResult.MovedImage image : result.moved()) {
        out.append("  ")
            .append(image.image())
            .append("\n    -> ")
            .append(image.target())
            .append('\n');
        for (RewriteResult.ValueSetting s : image.values()) {
          out.append("       ")
              .append(s.file())
              .append(": ")
              .append(s.path())
              .append(" = ")
              .append(s.value())
              .append('\n');
        }
      }
    }
    if (!result.alsoChanges().isEmpty()) {
      // a person should not be surprised by a ConfigMap that changes with the images
      out.append('\n');
      for (RewriteResult.AlsoChange change : result.alsoChanges()) {
        out.append("also changes ").append(change).append('\n');
      }
    }
    section(out, "Already in place:", result.alreadyInPlace());
    if (!result.notControllable().isEmpty()) {
      out.append("\nCannot be moved:\n");
      for (RewriteResult.UnmovableImage image : result.notControllable()) {
        out.append("  ")
            .append(image.image())
            .append("  ")
            .append(image.kind())
            .append('/')
            .append(image.name())
            .append("  ")
            .append(image.source())
            .append(image.line() > 0 ? ":" + image.line() : "")
            .append("\n    ")
            .append(image.reason())
            .append('\n');
      }
    }
    section(out, "Not mapped (left as they are):", result.unmapped());
    if (!result.unresolved().isEmpty()) {
      out.append("\nNot images by themselves (not moved):\n");
      for (RewriteResult.UnresolvedName name : result.unresolved()) {
        out.append("  ")
            .append(name.value())
            .append("  ")
            .append(name.kind())
            .append('/')
            .append(name.name())
            .append(' ')
            .append(name.path())
            .append("\n    ")
            .append(name.reason())
            .append('\n');
      }
    }
    if (result.insecureImagesAllowed()) {
      out.append(
          "\nThe chart refuses substituted images (Bitnami): set"
              + " global.security.allowInsecureImages: true, as its error message asks.\n");
    }
    section(out, "Warnings:", result.warnings());
    out.append('\n');
    for (RewriteResult.FileChange file : result.files()) {
      String state =
          !file.changed()
              ? "unchanged"
              : dryRun ? "would change (dry run, nothing written)" : "changed";
      out.append(file.path()).append(": ").append(state).append('\n');
    }
    return out.toString();
  }

  /**
   * With several Kubernetes versions, which ones the edited values were proven on: {@code verified
   * on Kubernetes 1.19.0, 1.21.0 (one render with the edited values per version)}.
   */
  private static void versions(StringBuilder out, List<RewriteResult.VersionCheck> versions) {
    if (versions.isEmpty()) {
      return;
    }
    List<String> names = versions.stream().map(RewriteResult.VersionCheck::kubeVersion).toList();
    if (versions.stream().allMatch(v -> v.verificationRenders() == 0)) {
      out.append("planned on Kubernetes ")
          .append(String.join(", ", names))
          .append(": nothing to change, so nothing to verify\n");
    } else if (versions.stream().allMatch(v -> v.verificationRenders() == 1)) {
      out.append("verified on Kubernetes ")
          .append(String.join(", ", names))
          .append(" (one render with the edited values per version)\n");
    } else {
      out.append("verified on Kubernetes ")
          .append(
              String.join(
                  ", ",
                  versions.stream()
                      .map(
                          v ->
                              v.kubeVersion()
                                  + " ("
                                  + count(v.verificationRenders(), "render")
                                  + ")")
                      .toList()))
          .append(" with the edited values\n");
    }
  }

  private static void section(StringBuilder out, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      out.append('\n').append(title).append('\n');
      lines.forEach(l -> out.append("  ").append(l).append('\n'));
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
