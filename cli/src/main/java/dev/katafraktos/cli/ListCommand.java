package dev.katafraktos.cli;

import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.ListRequest;
import dev.katafraktos.api.RendererKind;
import dev.katafraktos.report.InventoryJson;
import dev.katafraktos.report.InventoryTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code katafraktos list}: every image the charts would deploy, and where each comes from. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Render charts and list every container image they reference.")
final class ListCommand implements Callable<Integer> {
  enum Output {
    table,
    json
  }

  enum Renderer {
    embedded,
    helm
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "CHART",
      description = "Chart directories or packaged .tgz charts.")
  List<Path> charts = new ArrayList<>();

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description = "Values file (repeatable; later files win).")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "K=V",
      description = "Set a value, as helm --set (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--set-string",
      paramLabel = "K=V",
      description = "Set a string value, as helm --set-string (repeatable).")
  List<String> setString = new ArrayList<>();

  @Option(
      names = "--release",
      paramLabel = "NAME",
      defaultValue = "release-name",
      description = "Release name (default: ${DEFAULT-VALUE}).")
  String release;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default",
      description = "Namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--kube-version",
      paramLabel = "V",
      description = "Kubernetes version for .Capabilities (default: the renderer's helm default).")
  String kubeVersion;

  @Option(
      names = "--include-crds",
      description = "Keep the documents of the charts' crds/ directories.")
  boolean includeCrds;

  @Option(names = "--skip-tests", description = "Drop chart tests (helm.sh/hook: test).")
  boolean skipTests;

  @Option(
      names = "--renderer",
      paramLabel = "embedded|helm",
      defaultValue = "embedded",
      description = "Embedded helm (default) or a helm binary.")
  Renderer renderer;

  @Option(
      names = "--helm-binary",
      paramLabel = "PATH",
      description = "The helm 3 or 4 binary for --renderer helm (default: helm on PATH).")
  Path helmBinary;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() {
    ListRequest request =
        ListRequest.builder()
            .charts(charts)
            .release(release)
            .namespace(namespace)
            .valuesFiles(valuesFiles)
            .set(set)
            .setString(setString)
            .kubeVersion(kubeVersion)
            .includeCrds(includeCrds)
            .skipTests(skipTests)
            .renderer(
                renderer == Renderer.helm || helmBinary != null
                    ? RendererKind.HELM
                    : RendererKind.EMBEDDED)
            .helmBinary(helmBinary)
            .build();
    Inventory inventory;
    try {
      inventory = Katafraktos.create().list(request);
    } catch (KatafraktosException e) {
      spec.commandLine()
          .getErr()
          .println("katafraktos: " + e.getMessage().lines().findFirst().orElse(""));
      return Main.FAILURE;
    }
    String text =
        output == Output.json ? InventoryJson.write(inventory) : InventoryTable.write(inventory);
    spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
