package dev.katafraktos.cli;

import dev.katafraktos.api.AuditRequest;
import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.Release;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code katafraktos audit}: would every image pull from our registry, and would it succeed? */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Render charts, check every image (and its mapped target) against the registry, apply the"
          + " policy and report.",
      "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error,"
          + " 3 failure (also: some release of a release set could not be rendered)."
    })
final class AuditCommand implements Callable<Integer> {
  static final int FINDINGS = 1;

  enum FailOn {
    error,
    warning,
    none
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "CHART",
      description =
          "Chart directories or .tgz charts. Without them: the releases of --discover DIR, or the"
              + " releases: list of --config.")
  List<Path> charts = new ArrayList<>();

  @Option(
      names = "--discover",
      paramLabel = "DIR",
      description =
          "Audit every release declared in the repository at DIR: Argo CD Applications, Flux"
              + " HelmReleases, helmfiles, chart directories with values-<env>.yaml.")
  Path discover;

  @Option(
      names = "--git-ref",
      paramLabel = "REF",
      description =
          "With --discover: audit the repository as it is at this commit, branch or tag (read"
              + " from git; the working tree is not touched).")
  String gitRef;

  @Option(
      names = "--changed-since",
      paramLabel = "REF",
      description =
          "With --discover: only the releases whose chart, values or declaring file changed since"
              + " REF (for pull-request CI).")
  String changedSince;

  @Mixin RenderFlags render;

  @Mixin RegistryFlags registries;

  @Option(names = "--offline", description = "Apply the policy without asking any registry.")
  boolean offline;

  @Option(
      names = "--fail-on",
      paramLabel = "error|warning|none",
      description = "Exit 1 from this severity (default: error, or the config's failOn).")
  FailOn failOn;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json, sarif, junit or markdown (default: ${DEFAULT-VALUE}).")
  ReportFormat output;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "Also write every report format into DIR.")
  Path reportDir;

  @Override
  public Integer call() {
    ReleaseSets.checkUsage(spec, charts, discover, gitRef, changedSince, render);
    PrintWriter err = spec.commandLine().getErr();
    try (ReleaseSelection selection =
        ReleaseSets.select(spec, charts, discover, gitRef, changedSince, registries.config)) {
      AuditConfig config = config();
      render.defaults(config);
      List<Release> releases = ReleaseSets.releases(selection, charts, render, err);
      if (releases.isEmpty()) {
        err.println("katafraktos: no release to audit");
        err.flush();
        return 0;
      }
      AuditResult result =
          Katafraktos.create()
              .audit(
                  new AuditRequest(releases, config, offline, registries.login(config.registry())),
                  ProgressBar.forTerminal(err));
      Reports.print(spec.commandLine().getOut(), output, result);
      if (reportDir != null) {
        AuditReports.writeAll(reportDir, result);
      }
      if (!result.inventory().failures().isEmpty()) {
        return Main.FAILURE;
      }
      return result.failed() ? FINDINGS : 0;
    } catch (ConfigException | KatafraktosException | IOException e) {
      err.println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
  }

  /** The configuration with the flags laid over it, {@code --fail-on} included. */
  private AuditConfig config() throws ConfigException {
    return registries
        .overrides()
        .failOn(
            failOn == null
                ? null
                : failOn == FailOn.none
                    ? Severity.OFF
                    : Severity.valueOf(failOn.name().toUpperCase(java.util.Locale.ROOT)))
        .resolve();
  }
}
