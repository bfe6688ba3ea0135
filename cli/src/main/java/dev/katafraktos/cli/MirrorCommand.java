package dev.katafraktos.cli;

import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.MirrorProgress;
import dev.katafraktos.api.MirrorRequest;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.PullBudget;
import dev.katafraktos.api.Release;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.frontend.MirrorReport;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.registry.CopyOutcome;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code katafraktos mirror}: copy the images your registry lacks, digest for digest. */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description = {
      "Render charts and copy every image a --mapping sends to your registry that it lacks, from"
          + " its source: manifests byte for byte (digests, index digests and signatures stay"
          + " valid), blobs mounted or streamed. A second run copies nothing.",
      "Exit codes: 0 every mapped image is at its target, 1 some image is not (failed, not"
          + " started, or the pull budget would be exceeded), 2 usage error, 3 failure."
    })
final class MirrorCommand implements Callable<Integer> {
  enum Output {
    table,
    json
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
      description = "Mirror the images of every release declared in the repository at DIR.")
  Path discover;

  @Mixin RenderFlags render;

  @Mixin RegistryFlags registries;

  @Option(
      names = "--dry-run",
      description =
          "Only plan: the images, manifests and bytes to copy and the pulls it costs. Reads no"
              + " manifest from a registry that counts pulls (Docker Hub).")
  boolean dryRun;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "4",
      description = "Images (and blobs) copied at a time (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[,...]",
      split = ",",
      description =
          "Copy only these platforms of a multi-platform image. The index at the target then has"
              + " another digest than the source's; digest-pinned images are always copied whole.")
  List<String> platforms = new ArrayList<>();

  @Option(
      names = "--max-pulls",
      paramLabel = "N",
      description =
          "Spend at most N pulls at Docker Hub (every manifest GET is one); refuse to start when"
              + " the plan needs more.")
  Integer maxPulls;

  @Option(
      names = "--warm",
      description =
          "For a target in a Harbor proxy-cache project (which refuses pushes), pull the image"
              + " through it so that Harbor caches it.")
  boolean warm;

  @Option(
      names = "--no-signatures",
      negatable = false,
      description = "Do not copy cosign signatures, attestations and OCI referrers along.")
  boolean noSignatures;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() {
    ReleaseSets.checkUsage(spec, charts, discover, null, null, render);
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
    }
    if (maxPulls != null && maxPulls < 0) {
      throw new ParameterException(spec.commandLine(), "--max-pulls must not be negative");
    }
    for (String platform : platforms) {
      if (!MirrorRequest.isPlatform(platform)) {
        throw new ParameterException(
            spec.commandLine(),
            "--platform takes os/arch[/variant], e.g. linux/amd64, not '" + platform + "'");
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    try (ReleaseSelection selection =
        ReleaseSets.select(spec, charts, discover, null, null, registries.config)) {
      AuditConfig config = registries.overrides().resolve();
      render.defaults(config);
      List<Release> releases = ReleaseSets.releases(selection, charts, render, err);
      if (releases.isEmpty()) {
        err.println("katafraktos: no release to mirror");
        err.flush();
        return 0;
      }
      if (config.mappings().isEmpty()) {
        throw new ConfigException(
            "mirror needs at least one --mapping (or mappings: in the config): it copies each"
                + " image to where its mapping sends it");
      }
      MirrorRequest request =
          new MirrorRequest(
              releases,
              config,
              registries.login(config.registry()),
              dryRun,
              jobs,
              platforms,
              maxPulls,
              warm,
              !noSignatures);
      MirrorResult result = Katafraktos.create().mirror(request, progress(err));
      PrintWriter out = spec.commandLine().getOut();
      if (output == Output.json) {
        out.println(MirrorReport.json(result));
      } else {
        out.print(MirrorReport.table(result));
      }
      out.flush();
      if (result.refusal() != null) {
        err.println("katafraktos: " + result.refusal());
      }
      for (PullBudget budget : result.budgets()) {
        err.println("katafraktos: pulls at " + budget.describe());
      }
      err.flush();
      if (!result.inventory().failures().isEmpty()) {
        return Main.FAILURE;
      }
      return result.failed() ? AuditCommand.FINDINGS : 0;
    } catch (ConfigException | KatafraktosException | IOException e) {
      err.println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
  }

  /** One line per image on stderr as it ends, so that a long run shows it is moving. */
  private MirrorProgress progress(PrintWriter err) {
    if (dryRun) {
      return MirrorProgress.NONE;
    }
    return new MirrorProgress() {
      @Override
      public synchronized void copied(CopyOutcome outcome, int done, int total) {
        if (outcome.state() == CopyOutcome.State.PRESENT) {
          return;
        }
        err.println(
            "["
                + done
                + "/"
                + total
                + "] "
                + outcome.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " "
                + outcome.source()
                + " -> "
                + outcome.target());
        err.flush();
      }
    };
  }
}
