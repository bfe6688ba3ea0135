package dev.katafraktos.render;

import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Factories for the renderers, and small helpers they share. */
public final class Renderers {
  private Renderers() {}

  /** The default renderer: helm's engine embedded through helm-java, no helm binary needed. */
  public static ChartRenderer embedded() {
    return new EmbeddedHelmRenderer();
  }

  /**
   * A renderer that runs a helm 3 or helm 4 binary; {@code null} looks for {@code helm} on PATH.
   */
  public static ChartRenderer helmBinary(Path helm) throws RenderException {
    return HelmBinaryRenderer.create(helm);
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "katafraktos-" + prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
