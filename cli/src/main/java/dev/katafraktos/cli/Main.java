package dev.katafraktos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code katafraktos}: the command line. Exit codes: 0 ok, 1 findings, 2 usage, 3 failure. */
@Command(
    name = "katafraktos",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps Kubernetes workloads from depending on registries you do not control.",
    subcommands = {
      ListCommand.class,
      AuditCommand.class,
      RewriteCommand.class,
      MirrorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  static final int USAGE = 2;
  static final int FAILURE = 3;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (the tests call this). */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, ignoredArgs) -> {
          CommandLine command = e.getCommandLine();
          command.getErr().println("katafraktos: " + oneLine(e));
          command
              .getErr()
              .println(
                  "Try '"
                      + command.getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("katafraktos: " + oneLine(e));
          return FAILURE;
        });
    return cli.execute(args);
  }

  private static String oneLine(Exception e) {
    return dev.katafraktos.frontend.Messages.firstLine(e);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"katafraktos " + (version == null ? "(development build)" : version)};
    }
  }
}
