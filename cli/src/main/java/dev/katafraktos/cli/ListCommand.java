package dev.katafraktos.cli;

import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.ListRequest;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.report.InventoryJson;
import dev.katafraktos.report.InventoryTable;
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

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "CHART",
      description = "Chart directories or packaged .tgz charts.")
  List<Path> charts = new ArrayList<>();

  @Mixin RenderFlags render;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() {
    Inventory inventory;
    try {
      inventory =
          Katafraktos.create()
              .list(
                  ListRequest.ofReleases(
                      render.perVersion(ListRequest.of(charts, render.toOptions()).releases())));
    } catch (KatafraktosException e) {
      spec.commandLine().getErr().println("katafraktos: " + Messages.firstLine(e));
      return Main.FAILURE;
    }
    String text =
        output == Output.json
            ? InventoryJson.write(inventory)
            : InventoryTable.write(inventory)
                + KubeVersions.describe(KubeVersions.differences(inventory));
    spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
