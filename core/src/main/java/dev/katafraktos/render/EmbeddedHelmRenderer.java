package dev.katafraktos.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders with helm's own engine, embedded through helm-java: no helm binary needed.
 *
 * <p>helm-java 0.0.21's {@code template()} differs from {@code helm template} in three ways, each
 * undone here: it defaults {@code .Capabilities.KubeVersion} to v1.20.0 (we pass {@link
 * #DEFAULT_KUBE_VERSION}); it renders with dry-run option "none", so {@code lookup} reads the
 * cluster of the default kubeconfig (we render in an {@link EmbeddedHelmWorker} process whose
 * kubeconfig names a {@link NullKubeApiServer}); and it returns only the release manifest, without
 * hooks and CRDs (we render {@link PreparedCharts copies} in which they stay in the manifest).
 */
final class EmbeddedHelmRenderer implements ChartRenderer {

  /**
   * What the helm CLI built from the embedded helm (v3.21.0, compiled against k8s.io/client-go
   * v0.35.3) uses by default: helm's Makefile sets the default Kubernetes version from the
   * client-go version it builds with.
   */
  static final String DEFAULT_KUBE_VERSION = "v1.35.0";

  private final PreparedCharts copies = new PreparedCharts();
  private EmbeddedWorkerClient worker;
  private Path scratch;

  @Override
  public RenderedManifest render(RenderRequest request) throws RenderException {
    String chart = request.chart().toString();
    ChartMetadata metadata = ChartMetadata.read(request.chart());
    List<String> valuesFiles = new ArrayList<>();
    for (Path file : request.valuesFiles()) {
      ValuesFiles.requireReadable(request, file);
      valuesFiles.add(safeValuesPath(chart, file));
    }
    SetValues set = SetValues.of(chart, request.set(), request.setString());
    if (set.overridesYaml() != null) {
      valuesFiles.add(writeScratch(chart, "set-values-", set.overridesYaml()));
    }
    Path prepared;
    try {
      prepared = copies.prepare(request.chart(), request.includeCrds());
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot read chart " + chart + ": " + e.getMessage());
    }
    List<WorkerProtocol.SetPair> pairs = new ArrayList<>();
    for (Map.Entry<String, String> pair : set.pairs()) {
      pairs.add(new WorkerProtocol.SetPair(pair.getKey(), pair.getValue()));
    }
    String kubeVersion =
        request.kubeVersion() == null ? DEFAULT_KUBE_VERSION : request.kubeVersion();
    WorkerProtocol.Request wire =
        new WorkerProtocol.Request(
            0, prepared.toString(), request.release(), request.namespace(), kubeVersion,
            valuesFiles, pairs);
    WorkerProtocol.Response response = worker(chart).render(wire);
    if (response.error() != null) {
      throw RenderException.fromHelmError(chart, PreparedCharts.restore(response.error()));
    }
    return RenderedManifests.assemble(
        request, metadata, PreparedCharts.restore(response.output()));
  }

  /** helm-java joins values file paths with commas, so a path with a comma is copied first. */
  private String safeValuesPath(String chart, Path file) throws RenderException {
    String path = file.toAbsolutePath().toString();
    if (!path.contains(",")) {
      return path;
    }
    try {
      return writeScratch(chart, "values-", Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot read values file " + file + ": " + e.getMessage());
    }
  }

  private synchronized String writeScratch(String chart, String prefix, String content)
      throws RenderException {
    try {
      if (scratch == null) {
        scratch = Files.createTempDirectory("katafraktos-values-");
      }
      Path file = Files.createTempFile(scratch, prefix, ".yaml");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file.toString();
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot write a temporary values file: " + e.getMessage());
    }
  }

  private synchronized EmbeddedWorkerClient worker(String chart) throws RenderException {
    if (worker == null || !worker.alive()) {
      try {
        worker = EmbeddedWorkerClient.start();
      } catch (IOException e) {
        throw new RenderException(
            chart, null, "Cannot start the embedded renderer: " + e.getMessage());
      }
    }
    return worker;
  }

  @Override
  public String describe() {
    return "embedded helm v3.21.0 (helm-java 0.0.21)";
  }

  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    copies.close();
    if (scratch != null) {
      try (var files = Files.list(scratch)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // temporary values files left behind are harmless
      }
      scratch = null;
    }
  }
}
