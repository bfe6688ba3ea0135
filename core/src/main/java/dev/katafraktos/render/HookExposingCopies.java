package dev.katafraktos.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Works around helm-java's {@code template()} returning only the release manifest: helm keeps
 * documents annotated {@code helm.sh/hook} apart as hooks, and helm-java drops them, so a chart's
 * test pods and pre-install jobs (images a cluster pulls) would be missing. For a chart whose
 * templates mention the annotation we render a temporary copy in which {@code helm.sh/hook} reads
 * {@link #TOKEN} everywhere under {@code templates/}; helm then keeps those documents in the
 * manifest, and {@link #restore} puts the annotation back in the output. Copies are cached for the
 * renderer's lifetime (rewrites render one chart many times) and removed on {@link #close}.
 */
final class HookExposingCopies implements AutoCloseable {
  static final String HOOK = "helm.sh/hook";
  static final String TOKEN = "katafraktos.invalid/hook";

  private final Map<Path, Copy> copies = new ConcurrentHashMap<>();

  /**
   * The path to hand to helm-java for {@code chart}: the chart itself, or a prepared copy. A chart
   * is prepared once per renderer; charts do not change while one run renders them.
   */
  Path prepare(Path chart) throws IOException {
    Path key = chart.toAbsolutePath().normalize();
    Copy cached = copies.get(key);
    if (cached != null) {
      return cached.path;
    }
    Path prepared = Files.isDirectory(key) ? fromDirectory(key) : fromArchive(key);
    Copy copy = new Copy(prepared == null ? key : prepared, prepared != null);
    Copy raced = copies.putIfAbsent(key, copy);
    if (raced != null && copy.temporary) {
      delete(copy.path);
      return raced.path;
    }
    return copy.path;
  }

  /** Turns the token back into {@code helm.sh/hook} in rendered output. */
  static String restore(String output) {
    return output.replace(TOKEN, HOOK);
  }

  private static Path fromDirectory(Path chart) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(chart)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    if (files.stream().noneMatch(f -> isTemplate(chart.relativize(f)) && mentionsHook(f))) {
      return null;
    }
    Path copy = Files.createTempDirectory("katafraktos-chart-").resolve(chart.getFileName());
    for (Path file : files) {
      Path relative = chart.relativize(file);
      Path target = copy.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      if (isTemplate(relative)) {
        Files.writeString(target, exposeHooks(Files.readString(file, StandardCharsets.UTF_8)));
      } else {
        Files.copy(file, target);
      }
    }
    return copy;
  }

  private static Path fromArchive(Path tgz) throws IOException {
    ChartArchive archive = ChartArchive.read(tgz);
    boolean hooks =
        archive.files().entrySet().stream()
            .anyMatch(e -> isTemplate(Path.of(e.getKey())) && contains(e.getValue()));
    if (!hooks) {
      return null;
    }
    Path root = Files.createTempDirectory("katafraktos-chart-");
    String top = null;
    for (Map.Entry<String, byte[]> e : archive.files().entrySet()) {
      Path relative = Path.of(e.getKey());
      if (relative.isAbsolute() || e.getKey().contains("..")) {
        continue; // never write outside the copy
      }
      top = relative.getName(0).toString();
      Path target = root.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      byte[] content = e.getValue();
      if (isTemplate(relative)) {
        content = exposeHooks(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      }
      Files.write(target, content);
    }
    return top == null ? null : root.resolve(top);
  }

  private static boolean isTemplate(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals("templates")) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsHook(Path file) {
    try {
      return contains(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] content) {
    return new String(content, StandardCharsets.ISO_8859_1).contains(HOOK);
  }

  private static String exposeHooks(String template) {
    return template.replace(HOOK, TOKEN);
  }

  @Override
  public void close() {
    for (Copy copy : copies.values()) {
      if (copy.temporary) {
        delete(copy.path);
      }
    }
    copies.clear();
  }

  private static void delete(Path copy) {
    Path root = copy.getParent();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary copy left behind is harmless; the OS cleans its temp directory
    }
  }

  private record Copy(Path path, boolean temporary) {}
}
