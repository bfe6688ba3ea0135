package dev.katafraktos.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

  private final PreparedCharts copies = new PreparedCharts(true);
  private CompletableFuture<EmbeddedWorkerClient> worker;
  private final ValuesFiles values = new ValuesFiles();

  EmbeddedHelmRenderer() {
    startWorker(); // the worker JVM starts while the caller prepares its requests
  }

  @Override
  public RenderedManifest render(RenderRequest request) throws RenderException {
    String chart = request.chart().toString();
    ChartMetadata metadata = ChartMetadata.read(request.chart());
    startWorker(); // again only if it died
    List<String> valuesFiles = new ArrayList<>();
    for (Path file : request.valuesFiles()) {
      valuesFiles.add(values.pathForHelm(request, file, PreparedCharts::exposeHooks));
    }
    SetValues set = SetValues.of(chart, request.set(), request.setString());
    if (set.overridesYaml() != null) {
      valuesFiles.add(
          values.write(chart, "set-values-", PreparedCharts.exposeHooks(set.overridesYaml())));
    }
    Path prepared;
    try {
      prepared = copies.prepare(request.chart(), request.includeCrds(), request.dumpValues());
    } catch (IOException e) {
      throw new RenderException(chart, null, "Cannot read chart " + chart + ": " + e.getMessage());
    }
    List<WorkerProtocol.SetPair> pairs = new ArrayList<>();
    for (Map.Entry<String, String> pair : set.pairs()) {
      pairs.add(
          new WorkerProtocol.SetPair(
              PreparedCharts.exposeHooks(pair.getKey()),
              PreparedCharts.exposeHooks(pair.getValue())));
    }
    if (!request.apiVersions().isEmpty()) {
      // helm-java 0.0.21's template passes no API versions to helm (its native TemplateOptions
      // has no such field), and .Capabilities.APIVersions does not come from the cluster it
      // is pointed at: refusing beats a render that silently lacks them
      throw new RenderException(
          chart,
          null,
          "The embedded renderer cannot set .Capabilities.APIVersions (--api-versions); render"
              + " with a helm 3 or 4 binary instead (--renderer helm)");
    }
    String kubeVersion =
        request.kubeVersion() == null ? DEFAULT_KUBE_VERSION : request.kubeVersion();
    WorkerProtocol.Request wire =
        new WorkerProtocol.Request(
            0,
            prepared.toString(),
            request.release(),
            request.namespace(),
            kubeVersion,
            valuesFiles,
            pairs);
    WorkerProtocol.Response response = worker(chart).render(wire);
    if (response.error() != null) {
      throw RenderException.fromHelmError(chart, PreparedCharts.restore(response.error()));
    }
    return RenderedManifests.assemble(request, metadata, PreparedCharts.restore(response.output()));
  }

  private synchronized void startWorker() {
    if (worker == null
        || (worker.isDone() && !worker.isCompletedExceptionally() && !worker.join().alive())) {
      worker =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmbeddedWorkerClient.start();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private EmbeddedWorkerClient worker(String chart) throws RenderException {
    CompletableFuture<EmbeddedWorkerClient> starting;
    synchronized (this) {
      starting = worker;
    }
    try {
      return starting.join();
    } catch (CompletionException e) {
      synchronized (this) {
        if (worker == starting) {
          worker = null; // the next render tries again
        }
      }
      throw new RenderException(
          chart, null, "Cannot start the embedded renderer: " + e.getCause().getMessage());
    }
  }

  @Override
  public String describe() {
    return "embedded helm v3.21.0 (helm-java 0.0.21)";
  }

  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.thenAccept(EmbeddedWorkerClient::close).exceptionally(e -> null).join();
      worker = null;
    }
    copies.close();
    values.close();
  }
}
