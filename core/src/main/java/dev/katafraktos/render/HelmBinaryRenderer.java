package dev.katafraktos.render;

import dev.katafraktos.limits.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders with a helm 3 or helm 4 binary: {@code helm template}, which is client-only (it never
 * reads the cluster; {@code lookup} returns an empty result).
 */
final class HelmBinaryRenderer implements ChartRenderer {
  private static final long TIMEOUT_MINUTES = 5;

  private final Path helm;
  private final String version;
  private final ValuesFiles values = new ValuesFiles();
  private final PreparedCharts copies = new PreparedCharts(false);

  private HelmBinaryRenderer(Path helm, String version) {
    this.helm = helm;
    this.version = version;
  }

  static HelmBinaryRenderer create(Path helm) throws RenderException {
    Path binary = helm != null ? helm : findOnPath("helm");
    if (binary == null) {
      throw new RenderException(
          "",
          null,
          "No helm binary on PATH; install helm 3 or 4, pass --helm-binary, or use the embedded renderer");
    }
    if (!Files.isExecutable(binary)) {
      throw new RenderException("", null, "Not an executable helm binary: " + binary);
    }
    ProcessOutput out = run(List.of(binary.toString(), "version", "--template", "{{.Version}}"));
    String version = out.stdout().strip();
    if (out.exitCode() != 0 || !(version.startsWith("v3.") || version.startsWith("v4."))) {
      throw new RenderException(
          "", null, binary + " is not helm 3 or 4 (it says: " + firstLine(out) + ")");
    }
    return new HelmBinaryRenderer(binary, version);
  }

  @Override
  public RenderedManifest render(RenderRequest request) throws RenderException {
    ChartMetadata metadata = ChartMetadata.read(request.chart());
    List<String> command = new ArrayList<>();
    command.add(helm.toString());
    command.add("template");
    command.add(request.release());
    command.add(chartForHelm(request));
    command.add("--namespace");
    command.add(request.namespace());
    for (Path file : request.valuesFiles()) {
      command.add("--values");
      command.add(values.pathForHelm(request, file, text -> text));
    }
    for (String entry : request.set()) {
      command.add("--set");
      command.add(entry);
    }
    for (String entry : request.setString()) {
      command.add("--set-string");
      command.add(entry);
    }
    for (String apiVersion : request.apiVersions()) {
      command.add("--api-versions");
      command.add(apiVersion);
    }
    if (request.kubeVersion() != null) {
      command.add("--kube-version");
      command.add(request.kubeVersion());
    }
    // CRDs are always asked for and dropped afterwards, so both renderers filter the same way
    command.add("--include-crds");
    ProcessOutput out = run(command);
    if (out.exitCode() != 0) {
      throw RenderException.fromHelmError(request.chart().toString(), out.stderr());
    }
    return RenderedManifests.assemble(request, metadata, out.stdout());
  }

  /** The chart itself, or a copy with the values template when values are asked for. */
  private String chartForHelm(RenderRequest request) throws RenderException {
    if (!request.dumpValues()) {
      return request.chart().toString();
    }
    try {
      return copies.prepare(request.chart(), false, true).toString();
    } catch (IOException e) {
      String chart = request.chart().toString();
      throw new RenderException(chart, null, "Cannot read chart " + chart + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    values.close();
    copies.close();
  }

  @Override
  public String describe() {
    return "helm " + version + " (" + helm + ")";
  }

  private static ProcessOutput run(List<String> command) throws RenderException {
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<String> stderr = readAsync(process.getErrorStream());
      byte[] printed = process.getInputStream().readNBytes(InputLimits.RENDERED_BYTES + 1);
      if (printed.length > InputLimits.RENDERED_BYTES) {
        // a template can print without end; never hold more than the limit of it
        process.destroyForcibly();
        return new ProcessOutput(
            -1,
            "",
            "the chart rendered more than " + InputLimits.RENDERED_BYTES + " bytes; refused");
      }
      String stdout = new String(printed, StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new RenderException(
            "", null, command.get(0) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
      }
      return new ProcessOutput(process.exitValue(), stdout, stderr.join());
    } catch (IOException e) {
      throw new RenderException("", null, "Cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderException("", null, "Interrupted while running " + command.get(0));
    }
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  private static String firstLine(ProcessOutput out) {
    String text = out.stderr().isBlank() ? out.stdout() : out.stderr();
    return text.lines().findFirst().orElse("").strip();
  }

  static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private record ProcessOutput(int exitCode, String stdout, String stderr) {}
}
