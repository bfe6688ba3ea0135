package dev.katafraktos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code target/katafraktos.jar}) run as a child process, as a user runs it: for
 * the ITs that need a separate JVM (a heap limit, a kill, a second process at the same time).
 */
final class PackagedCli {
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private Path directory;

  static PackagedCli create() {
    return new PackagedCli();
  }

  /** A JVM option such as {@code -Xmx256m}. */
  PackagedCli jvm(String option) {
    jvmOptions.add(option);
    return this;
  }

  PackagedCli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  PackagedCli in(Path workingDirectory) {
    this.directory = workingDirectory;
    return this;
  }

  static Path jar() {
    return Path.of("target", "katafraktos.jar").toAbsolutePath();
  }

  /** Starts the CLI without waiting for it; stdout and stderr go to the returned process. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    return builder.start();
  }

  /** Runs the CLI to its end (at most two minutes) and returns what it printed. */
  CliRun run(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("katafraktos " + String.join(" ", args) + " ran over 2 min");
    }
    return new CliRun(process.exitValue(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
