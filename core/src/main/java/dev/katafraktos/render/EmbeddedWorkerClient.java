package dev.katafraktos.render;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
  private final Writer stdin;
  private final Path home;
  private final Map<Long, CompletableFuture<WorkerProtocol.Response>> pending =
      new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final StringBuffer stderrTail = new StringBuffer();
  private volatile String exitReason;

  private EmbeddedWorkerClient(Process process, Path home) {
    this.process = process;
    this.home = home;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
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
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(workerClassPath());
    command.add(EmbeddedHelmWorker.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> CLUSTER_ENV_PREFIXES.stream().anyMatch(k::startsWith));
    env.put("KUBECONFIG", home.resolve("kubeconfig").toString());
    // helm's cache and config stay out of the user's own helm setup
    env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
    env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
    env.put("HELM_DATA_HOME", home.resolve("data").toString());
    EmbeddedWorkerClient client = new EmbeddedWorkerClient(builder.start(), home);
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
      String line = WorkerProtocol.JSON.writeValueAsString(numbered);
      synchronized (stdin) {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
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
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        WorkerProtocol.Response response =
            WorkerProtocol.JSON.readValue(line, WorkerProtocol.Response.class);
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
    try (var files = Files.walk(home)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
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
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class));
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
