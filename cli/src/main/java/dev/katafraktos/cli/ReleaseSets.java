package dev.katafraktos.cli;

import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.ListRequest;
import dev.katafraktos.api.Release;
import dev.katafraktos.api.ReleaseSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How {@code audit}, {@code mirror} and {@code rewrite} choose between named charts and a release
 * set.
 */
final class ReleaseSets {
  private ReleaseSets() {}

  /** Refuses combinations that cannot mean anything, before anything is read. */
  static void checkUsage(
      CommandSpec spec,
      List<Path> charts,
      Path discover,
      String gitRef,
      String changedSince,
      RenderFlags render) {
    if (discover != null && !charts.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Name charts or --discover DIR, not both");
    }
    if (discover == null && (gitRef != null || changedSince != null)) {
      throw new ParameterException(
          spec.commandLine(),
          (gitRef != null ? "--git-ref" : "--changed-since") + " needs --discover DIR");
    }
    if (charts.isEmpty() && render.perRelease()) {
      throw new ParameterException(
          spec.commandLine(),
          "-f, --set, --set-string, --release and --namespace apply to named charts; each"
              + " release of a release set has its own");
    }
  }

  /**
   * The release set to use, or {@code null} for the named charts. Without charts: {@code
   * --discover}, else the {@code releases:} of {@code --config}, else a usage error.
   */
  static ReleaseSelection select(
      CommandSpec spec,
      List<Path> charts,
      Path discover,
      String gitRef,
      String changedSince,
      Path config)
      throws KatafraktosException {
    if (!charts.isEmpty()) {
      return null;
    }
    if (discover != null) {
      return ReleaseSelection.discover(discover, gitRef, changedSince);
    }
    if (config != null) {
      return ReleaseSelection.configured(config)
          .orElseThrow(
              () ->
                  new ParameterException(
                      spec.commandLine(),
                      "Name a chart, or --discover DIR; " + config + " lists no releases"));
    }
    throw new ParameterException(
        spec.commandLine(),
        "Name a chart, --discover DIR, or a --config file with a releases: list");
  }

  /**
   * The releases to work on, once per {@code --kube-version}: the named charts ({@code selection}
   * null), else the selection's, after its notes are printed on {@code err}. Empty when the
   * selection holds none.
   */
  static List<Release> releases(
      ReleaseSelection selection, List<Path> charts, RenderFlags render, PrintWriter err)
      throws KatafraktosException {
    if (selection == null) {
      return render.perVersion(ListRequest.of(charts, render.toOptions()).releases());
    }
    selection.notes().forEach(err::println);
    err.flush();
    return render.perVersion(selection.releases().releases(render.toOptions()));
  }
}
