package dev.katafraktos.cli;

import dev.katafraktos.api.CommittedRewrite;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.api.ReleaseSetRewrite;
import dev.katafraktos.api.RewriteRequest;
import dev.katafraktos.api.RewriteResult;
import dev.katafraktos.frontend.ConfigOverrides;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.report.RewriteJson;
import dev.katafraktos.report.RewriteText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code katafraktos rewrite}: point a chart's images at your registry by editing its values. */
@Command(
    name = "rewrite",
    mixinStandardHelpOptions = true,
    description = {
      "Find the values that set each image, set them so that every mapped image comes from its"
          + " target, prove it by rendering again, then write.",
      "With several --kube-version: one plan, rendered, traced and verified on every version;"
          + " an image moved on one version and not on another refuses the rewrite.",
      "Exit codes: 0 every mapped image moved or already in place, 1 some image cannot be moved,"
          + " 2 usage error, 3 failure (nothing written)."
    })
final class RewriteCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CHART",
      description = "Chart directory or .tgz chart (or --discover DIR).")
  Path chart;

  @Option(
      names = "--discover",
      paramLabel = "DIR",
      description =
          "Rewrite every release declared in the repository at DIR (Argo CD, Flux, helmfile,"
              + " chart directories): their values files, or a chart's values.yaml for a release"
              + " without any.")
  Path discover;

  @Option(
      names = "--commit",
      description =
          "With --discover: write the rewrites as one commit on --branch instead of the working"
              + " tree; HEAD, the index and the working tree stay as they are. Never pushes.")
  boolean commit;

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      description =
          "With --commit: the branch to commit to, created from HEAD when missing (default:"
              + " katafraktos/images-<HEAD's short id>).")
  String branch;

  @Mixin RenderFlags render;

  @Option(
      names = "--mapping",
      paramLabel = "SRC=DST",
      description =
          "Map a source registry to yours, e.g. docker.io=harbor.example.com/dockerhub-proxy (repeatable).")
  List<String> mappings = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "katafraktos.yaml: its mappings (flags add to them).")
  Path config;

  static final class Target {
    @Option(names = "--in-place", required = true, description = "Edit the -f values files.")
    boolean inPlace;

    @Option(
        names = "--output",
        required = true,
        paramLabel = "FILE",
        description = "Write the values to set to FILE (edited if it exists) instead.")
    Path output;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Target target;

  @Option(names = "--dry-run", description = "Print a unified diff per file; write nothing.")
  boolean dryRun;

  @Option(
      names = "--pin-digests",
      description = "Resolve each moved image's tag to its digest at the target and pin it.")
  boolean pinDigests;

  @Option(
      names = "--output-format",
      paramLabel = "table|json",
      defaultValue = "table",
      description = "Summary format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    if (discover != null || commit || branch != null) {
      return releaseSet();
    }
    if (chart == null) {
      throw new ParameterException(spec.commandLine(), "Name a chart, or --discover DIR");
    }
    if (target == null && !dryRun) {
      throw new ParameterException(
          spec.commandLine(),
          "Say where to write: --in-place (edit the -f files), --output FILE, or --dry-run");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path output = target == null ? null : target.output;
      AuditConfig settings = config(); // first: its kubeVersions: fill in for --kube-version
      RewriteResult result =
          Katafraktos.create()
              .rewrite(
                  new RewriteRequest(
                          chart, render.toOptions(), settings, output, dryRun, pinDigests, null)
                      .withKubeVersions(render.kubeVersions));
      if (format == Format.json) {
        out.println(RewriteJson.write(result, dryRun));
      } else {
        if (dryRun) {
          result.files().forEach(f -> out.print(f.diff()));
        }
        out.print(RewriteText.write(result, dryRun));
      }
      out.flush();
      return result.complete() ? 0 : AuditCommand.FINDINGS;
    } catch (ConfigException | KatafraktosException e) {
      spec.commandLine().getErr().println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
  }

  /** {@code --discover DIR}: every release of the repository, in place, as a diff, or committed. */
  private int releaseSet() {
    if (discover == null) {
      throw new ParameterException(
          spec.commandLine(), (commit ? "--commit" : "--branch") + " needs --discover DIR");
    }
    if (chart != null) {
      throw new ParameterException(spec.commandLine(), "Name a chart or --discover DIR, not both");
    }
    if (branch != null && !commit) {
      throw new ParameterException(spec.commandLine(), "--branch goes with --commit");
    }
    if (target != null && target.output != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--output collects one chart's values; with --discover use --in-place, --commit or"
              + " --dry-run");
    }
    int modes = (commit ? 1 : 0) + (dryRun ? 1 : 0) + (target != null ? 1 : 0);
    if (modes != 1) {
      throw new ParameterException(
          spec.commandLine(),
          "Say where to write, once: --in-place (edit the files), --commit (a branch), or"
              + " --dry-run");
    }
    if (render.perRelease()) {
      throw new ParameterException(
          spec.commandLine(),
          "-f, --set, --set-string, --release and --namespace apply to a named chart; each"
              + " release of a release set has its own");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Katafraktos katafraktos = Katafraktos.create();
      AuditConfig settings = config(); // first: its kubeVersions: fill in for --kube-version
      ReleaseSetRewrite result;
      if (commit) {
        CommittedRewrite committed =
            katafraktos.rewriteAndCommit(
                discover,
                branch,
                render.toOptions(),
                settings,
                pinDigests,
                null,
                render.kubeVersions);
        committed.notes().forEach(err::println);
        err.flush();
        result = committed.rewrite();
        print(out, result, false);
        out.println(committed.summary());
      } else {
        try (ReleaseSelection selection = ReleaseSelection.discover(discover, null, null)) {
          selection.notes().forEach(err::println);
          err.flush();
          result =
              katafraktos
                  .rewrite(
                      selection.releases(),
                      render.toOptions(),
                      settings,
                      dryRun,
                      pinDigests,
                      null,
                      render.kubeVersions)
                  .relativeTo(selection.releases().root());
        }
        print(out, result, dryRun);
      }
      out.flush();
      // a release that cannot be rewritten is like an image that cannot be moved: reported, and
      // the other releases' rewrites are written (or committed) all the same
      return result.complete() ? 0 : AuditCommand.FINDINGS;
    } catch (ConfigException | KatafraktosException e) {
      err.println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
  }

  private void print(PrintWriter out, ReleaseSetRewrite result, boolean dryRun) {
    if (format == Format.json) {
      out.println(RewriteJson.write(result, dryRun));
      return;
    }
    for (ReleaseSetRewrite.Entry e : result.releases()) {
      String where = e.declared() == null ? "" : "  (" + e.declared().origin().display() + ")";
      out.println("== " + e.release() + where);
      if (e.result() == null) {
        out.println("cannot be rewritten: " + e.error());
      } else {
        if (dryRun) {
          e.result().files().forEach(f -> out.print(f.diff()));
        }
        out.print(RewriteText.write(e.result(), dryRun));
      }
      out.println();
    }
  }

  /**
   * The configuration; its {@code kubeVersions:} and {@code apiVersions:} where flags give none.
   */
  private AuditConfig config() throws ConfigException {
    AuditConfig resolved = new ConfigOverrides().configFile(config).mappings(mappings).resolve();
    render.defaults(resolved);
    return resolved;
  }
}
