package dev.katafraktos.cli;

import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
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
      "Exit codes: 0 every mapped image moved or already in place, 1 some image cannot be moved,"
          + " 2 usage error, 3 failure (nothing written)."
    })
final class RewriteCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CHART", description = "Chart directory or .tgz chart.")
  Path chart;

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
    if (target == null && !dryRun) {
      throw new ParameterException(
          spec.commandLine(),
          "Say where to write: --in-place (edit the -f files), --output FILE, or --dry-run");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path output = target == null ? null : target.output;
      RewriteResult result =
          Katafraktos.create()
              .rewrite(
                  new RewriteRequest(
                      chart, render.toOptions(), config(), output, dryRun, pinDigests, null));
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

  private AuditConfig config() throws ConfigException {
    return new ConfigOverrides().configFile(config).mappings(mappings).resolve();
  }
}
