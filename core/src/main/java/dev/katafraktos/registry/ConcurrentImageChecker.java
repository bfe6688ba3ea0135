package dev.katafraktos.registry;

import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Checks each distinct reference once per run, at most {@code concurrency} at a time. */
final class ConcurrentImageChecker implements ImageChecker {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ManifestProbe probe;
  private final RegistryTransport transport;
  private final ExecutorService pool;
  private final Map<ImageRef, CompletableFuture<ImageCheck>> results = new ConcurrentHashMap<>();

  ConcurrentImageChecker(RegistrySettings settings, RegistryTransport transport) {
    this.transport = transport;
    this.probe = new ManifestProbe(transport);
    int id = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t =
                  new Thread(r, "katafraktos-registry-" + id + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Map<ImageRef, ImageCheck> checkAll(Collection<ImageRef> references) {
    return checkAll(references, check -> {});
  }

  @Override
  public Map<ImageRef, ImageCheck> checkAll(
      Collection<ImageRef> references, Consumer<ImageCheck> each) {
    Map<ImageRef, CompletableFuture<ImageCheck>> pending = new LinkedHashMap<>();
    for (ImageRef ref : new LinkedHashSet<>(references)) {
      CompletableFuture<ImageCheck> future = submit(ref);
      future.thenAccept(each);
      pending.put(ref, future);
    }
    Map<ImageRef, ImageCheck> done = new LinkedHashMap<>();
    pending.forEach((ref, future) -> done.put(ref, await(future)));
    return done;
  }

  @Override
  public ImageCheck check(ImageRef reference) {
    return await(submit(reference));
  }

  private CompletableFuture<ImageCheck> submit(ImageRef ref) {
    return results.computeIfAbsent(
        ref, r -> CompletableFuture.supplyAsync(() -> probe.check(r), pool));
  }

  private static ImageCheck await(CompletableFuture<ImageCheck> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("image check failed unexpectedly", e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    transport.close();
  }
}
