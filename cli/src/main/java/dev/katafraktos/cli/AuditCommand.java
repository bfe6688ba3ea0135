package dev.katafraktos.cli;

import dev.katafraktos.api.AuditRequest;
import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.frontend.ConfigOverrides;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
          + " 3 failure."
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
      arity = "1..*",
      paramLabel = "CHART",
      description = "Chart directories or .tgz charts.")
  List<Path> charts = new ArrayList<>();

  @Mixin RenderFlags render;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "katafraktos.yaml (flags override it).")
  Path config;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description = "Your registry (Harbor), allowed as a source.")
  String registry;

  @Option(
      names = "--mapping",
      paramLabel = "SRC=DST",
      description =
          "Map a source registry to yours, e.g. docker.io=harbor.example.com/dockerhub-proxy (repeatable).")
  List<String> mappings = new ArrayList<>();

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

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "CA bundle for registries with a private CA.")
  Path caFile;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Plain HTTP for this host (repeatable).")
  List<String> insecure = new ArrayList<>();

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "Registry user (with --password-stdin).")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password from standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() {
    try {
      AuditResult result =
          Katafraktos.create()
              .audit(request(), ProgressBar.forTerminal(spec.commandLine().getErr()));
      Reports.print(spec.commandLine().getOut(), output, result);
      if (reportDir != null) {
        AuditReports.writeAll(reportDir, result);
      }
      return result.failed() ? FINDINGS : 0;
    } catch (ConfigException | KatafraktosException | IOException e) {
      spec.commandLine().getErr().println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
  }

  private AuditRequest request() throws ConfigException, IOException {
    AuditConfig merged =
        new ConfigOverrides()
            .configFile(config)
            .registry(registry)
            .mappings(mappings)
            .insecureRegistries(insecure)
            .caFile(caFile, "--ca-file")
            .failOn(
                failOn == null
                    ? null
                    : failOn == FailOn.none
                        ? Severity.OFF
                        : Severity.valueOf(failOn.name().toUpperCase(java.util.Locale.ROOT)))
            .resolve();
    RegistryLogin login = null;
    if (username != null || passwordStdin) {
      if (username == null || !passwordStdin) {
        throw new ConfigException("--username and --password-stdin go together");
      }
      String host = merged.registry();
      if (host == null) {
        throw new ConfigException(
            "--username needs --registry (or registry: in the config) to know where it applies");
      }
      String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
      login = new RegistryLogin(host, username, password);
    }
    return new AuditRequest(charts, render.toOptions(), merged, offline, login);
  }
}
