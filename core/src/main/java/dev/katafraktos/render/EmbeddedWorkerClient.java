package dev.katafraktos.render;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parent's side of an {@link EmbeddedHelmWorker}: starts it, sends requests, routes answers.
 */
final class EmbeddedWorkerClient implements AutoCloseable {
  // environment that could point helm at a real cluster; the worker gets none of it
  private static final List<String> CLUSTER_ENV_PREFIXES =
      List.of("KUBECONFIG", "HELM_KUBE", "KUBERNETES_SERVICE_", "HELM_DRIVER");

  private final Process process;
  private final DataOutputStream stdin;
  private final Path home;
  private final Path dumping;
  private final Path archive;
  private final Map<Long, CompletableFuture<WorkerProtocol.Response>> pending =
      new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final StringBuffer stderrTail = new StringBuffer();
  private volatile String exitReason;

  private EmbeddedWorkerClient(Process process, Path home, Path dumping, Path archive) {
    this.process = process;
    this.home = home;
    this.dumping = dumping;
    this.archive = archive;
    this.stdin = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    Thread reader = new Thread(this::readResponses, "katafraktos-embedded-worker-out");
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(this::drainStderr, "katafraktos-embedded-worker-err");
    errors.setDaemon(true);
    errors.start();
  }

  static EmbeddedWorkerClient start() throws IOException {
    Path home = Files.createTempDirectory("katafraktos-embedded-");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-Xlog:disable"); // stdout carries the protocol; no JVM message may land there
    String classPath = workerClassPath();
    Path archive = classArchive(classPath);
    Path dumping = null;
    if (archive != null && Files.isRegularFile(archive)) {
      command.add("-XX:SharedArchiveFile=" + archive);
    } else if (archive != null) {
      dumping = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
      command.add("-XX:ArchiveClassesAtExit=" + dumping);
    }
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(classPath);
    command.add(EmbeddedHelmWorker.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> CLUSTER_ENV_PREFIXES.stream().anyMatch(k::startsWith));
    env.put("KUBECONFIG", home.resolve("kubeconfig").toString());
    // helm's cache and config stay out of the user's own helm setup
    env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
    env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
    env.put("HELM_DATA_HOME", home.resolve("data").toString());
    EmbeddedWorkerClient client = new EmbeddedWorkerClient(builder.start(), home, dumping, archive);
    Runtime.getRuntime().addShutdownHook(new Thread(client::close));
    return client;
  }

  boolean alive() {
    return process.isAlive();
  }

  WorkerProtocol.Response render(WorkerProtocol.Request request) throws RenderException {
    long id = ids.incrementAndGet();
    CompletableFuture<WorkerProtocol.Response> answer = new CompletableFuture<>();
    pending.put(id, answer);
    WorkerProtocol.Request numbered =
        new WorkerProtocol.Request(
            id,
            request.chart(),
            request.release(),
            request.namespace(),
            request.kubeVersion(),
            request.valuesFiles(),
            request.set());
    try {
      synchronized (stdin) {
        numbered.write(stdin);
      }
      if (exitReason != null) {
        answer.completeExceptionally(new IOException(exitReason));
      }
      return answer.get();
    } catch (IOException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new RenderException(
          request.chart(), null, "The embedded renderer failed: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderException(request.chart(), null, "Interrupted while rendering");
    } finally {
      pending.remove(id);
    }
  }

  private void readResponses() {
    try (DataInputStream out =
        new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
      WorkerProtocol.Response response;
      while ((response = WorkerProtocol.Response.read(out)) != null) {
        CompletableFuture<WorkerProtocol.Response> answer = pending.get(response.id());
        if (answer != null) {
          answer.complete(response);
        }
      }
    } catch (IOException e) {
      // the worker went away; reported below
    }
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String exit = process.isAlive() ? "closed its output" : "exited with " + process.exitValue();
    exitReason = "it " + exit + lastError();
    pending.values().forEach(f -> f.completeExceptionally(new IOException(exitReason)));
  }

  private String lastError() {
    String tail = stderrTail.toString().strip();
    return tail.isEmpty() ? "" : ": " + tail.lines().reduce((a, b) -> b).orElse("");
  }

  private void drainStderr() {
    try (InputStream err = process.getErrorStream()) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = err.read(buffer)) >= 0) {
        stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        if (stderrTail.length() > 8192) {
          stderrTail.delete(0, stderrTail.length() - 4096);
        }
      }
    } catch (IOException e) {
      // nothing more to read
    }
  }

  @Override
  public void close() {
    try {
      stdin.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    keepClassArchive();
    try (var files = Files.walk(home)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /**
   * Where the worker's class-data archive (AppCDS) lives: the classes it loads, mapped in at start
   * instead of read from jars (~0.1 s of every run). The first run writes it at exit; its name
   * covers the class path, the jars' sizes and times, and the JVM, so a change makes a new one.
   */
  private static Path classArchive(String classPath) {
    StringBuilder identity = new StringBuilder(System.getProperty("java.vm.version", ""));
    for (String entry : classPath.split(File.pathSeparator)) {
      File file = new File(entry);
      identity
          .append('|')
          .append(entry)
          .append(':')
          .append(file.length())
          .append(':')
          .append(file.lastModified());
    }
    try {
      return NativeHelm.cacheDirectory()
          .resolve("worker-" + Integer.toHexString(identity.toString().hashCode()) + ".jsa");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static final int KEPT_CLASS_ARCHIVES = 6;

  /**
   * Every new class path (a new build of the plugin, each Maven IT's repository) makes a new ~4 MB
   * archive; only the newest few are kept so the cache does not grow without end.
   */
  private static void pruneClassArchives(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<Path> archives =
          files
              .filter(f -> f.getFileName().toString().matches("worker-[0-9a-f-]+\\.jsa"))
              .sorted(
                  java.util.Comparator.comparing((Path f) -> f.toFile().lastModified()).reversed())
              .toList();
      for (Path old :
          archives.subList(Math.min(KEPT_CLASS_ARCHIVES, archives.size()), archives.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | RuntimeException e) {
      // pruning is housekeeping: a cache we cannot list stays as it is
    }
  }

  private void keepClassArchive() {
    if (dumping == null) {
      return;
    }
    try {
      if (Files.isRegularFile(dumping)) {
        Files.createDirectories(archive.getParent());
        Files.move(dumping, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        pruneClassArchives(archive.getParent());
      }
    } catch (IOException e) {
      // another run kept one first, or the cache is read-only: the next run tries again
    } finally {
      try {
        Files.deleteIfExists(dumping);
      } catch (IOException e) {
        // harmless
      }
    }
  }

  private static String javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    return Files.isExecutable(java)
        ? java.toString()
        : ProcessHandle.current().info().command().orElse("java");
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }

  /**
   * The jars the worker needs, found from where their classes were loaded: under Maven or in a
   * shaded jar the JVM's own class path does not name them.
   */
  private static String workerClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    List<Class<?>> anchors =
        new ArrayList<>(
            List.of(
                EmbeddedHelmWorker.class,
                com.marcnuri.helm.Helm.class,
                com.marcnuri.helm.jni.HelmLib.class,
                com.sun.jna.Native.class,
                com.sun.jna.platform.FileUtils.class));
    for (Object library : ServiceLoader.load(com.marcnuri.helm.jni.NativeLibrary.class)) {
      anchors.add(library.getClass());
    }
    for (Class<?> anchor : anchors) {
      CodeSource source = anchor.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        try {
          entries.add(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file; the JVM class path below still applies
        }
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
