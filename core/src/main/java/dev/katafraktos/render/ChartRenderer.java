package dev.katafraktos.render;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Renders charts exactly as {@code helm template} does: client-only, never touching a cluster. */
public interface ChartRenderer extends AutoCloseable {

  /** Renders one chart. */
  RenderedManifest render(RenderRequest request) throws RenderException;

  /**
   * Renders several charts in parallel; the results are in request order. Each element holds either
   * the manifest or the failure of that chart.
   */
  default List<RenderResult> renderAll(List<RenderRequest> requests) {
    int threads =
        Math.max(1, Math.min(requests.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Renderers.daemonThreads("render"));
    try {
      List<CompletableFuture<RenderResult>> futures = new ArrayList<>();
      for (RenderRequest request : requests) {
        futures.add(CompletableFuture.supplyAsync(() -> RenderResult.of(this, request), pool));
      }
      List<RenderResult> results = new ArrayList<>();
      for (CompletableFuture<RenderResult> future : futures) {
        try {
          results.add(future.join());
        } catch (CompletionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A short description for messages, e.g. {@code embedded helm v3.21.0}. */
  String describe();

  @Override
  default void close() {}
}
