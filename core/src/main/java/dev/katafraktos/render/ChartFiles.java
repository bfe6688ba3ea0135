package dev.katafraktos.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a chart directory or packaged chart, and temporary copies of it with some files
 * replaced or added. Charts are never changed in place: they are the user's, and other renders may
 * read them at the same time.
 */
final class ChartFiles {
  /** The content of a directory's file that was not asked for. */
  static final byte[] NOT_READ = new byte[0];

  private static final Pattern PACKAGED_SUBCHART = Pattern.compile("(^|/)charts/[^/]+\\.tgz$");

  private final Path source;
  private final boolean directory;
  private final Map<String, byte[]> files;
  private final String top;

  private ChartFiles(Path source, boolean directory, Map<String, byte[]> files, String top) {
    this.source = source;
    this.directory = directory;
    this.files = files;
    this.top = top;
  }

  /**
   * Reads a chart; of a directory, only the files {@code readContent} names are read, the others
   * are {@link #NOT_READ} (a copy links them unread). A packaged chart is read whole.
   */
  static ChartFiles read(Path chart, Predicate<String> readContent) throws IOException {
    Path source = chart.toAbsolutePath().normalize();
    if (!Files.isDirectory(source)) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      ChartArchive.read(source)
          .files()
          .forEach(
              (name, content) -> {
                if (!name.startsWith("/") && !name.contains("..")) { // never write outside a copy
                  files.put(name, content);
                }
              });
      String first = files.isEmpty() ? "" : files.keySet().iterator().next();
      return new ChartFiles(source, false, files, first.substring(0, first.indexOf('/') + 1));
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    Path parent = source.getParent();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = parent.relativize(file).toString().replace('\\', '/');
        files.put(name, readContent.test(name) ? Files.readAllBytes(file) : NOT_READ);
      }
    }
    return new ChartFiles(source, true, files, source.getFileName() + "/");
  }

  /** File name (below the chart's parent, e.g. {@code app/templates/x.yaml}) to content. */
  Map<String, byte[]> files() {
    return files;
  }

  /** The chart's own folder as file names start with it, e.g. {@code app/}. */
  String top() {
    return top;
  }

  /**
   * The most {@code /} in a file name, counting the files of packaged subcharts as helm names their
   * templates ({@code app/charts/sub/templates/x.yaml} for {@code sub/templates/x.yaml} inside
   * {@code app/charts/sub-1.0.0.tgz}).
   */
  int depth() throws IOException {
    return depth(
        source.toString(),
        files,
        name -> directory ? Files.readAllBytes(source.resolveSibling(name)) : null);
  }

  private static int depth(String label, Map<String, byte[]> files, Content unread)
      throws IOException {
    int deepest = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      int depth = slashes(name);
      if (PACKAGED_SUBCHART.matcher(name).find()) {
        byte[] content = file.getValue() == NOT_READ ? unread.of(name) : file.getValue();
        Map<String, byte[]> packaged =
            ChartArchive.read(label + "!" + name, new ByteArrayInputStream(content)).files();
        depth += depth(label + "!" + name, packaged, n -> null);
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }

  private static int slashes(String name) {
    return (int) name.chars().filter(c -> c == '/').count();
  }

  /**
   * Writes a temporary copy with {@code changed} files (by name, as in {@link #files()}) replaced
   * or added, and returns the copy's chart folder; remove it with {@link #delete}.
   */
  Path copy(Map<String, String> changed) throws IOException {
    Path root = Files.createTempDirectory("katafraktos-chart-");
    if (directory) {
      Map<Path, String> written = new LinkedHashMap<>();
      changed.forEach((name, content) -> written.put(Path.of(name), content));
      Set<Path> realDirs = new HashSet<>();
      for (Path file : written.keySet()) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
          realDirs.add(dir);
        }
      }
      new LinkedCopy(source.getParent(), root, realDirs, written).materialize(Path.of(top));
    } else {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        if (!changed.containsKey(file.getKey())) {
          Path target = root.resolve(file.getKey());
          Files.createDirectories(target.getParent());
          Files.write(target, file.getValue());
        }
      }
      for (Map.Entry<String, String> file : changed.entrySet()) {
        Path target = root.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    return root.resolve(top);
  }

  /** Removes a copy made by {@link #copy}. */
  static void delete(Path copy) {
    try (Stream<Path> walk = Files.walk(copy.getParent())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary copy left behind is harmless; the OS cleans its temp directory
    }
  }

  private interface Content {
    byte[] of(String name) throws IOException;
  }

  /**
   * A copy of a chart directory made of symbolic links (helm's loader follows them): only the
   * directories on the way to a changed or added file are real, every other file and directory
   * links to the original. Creating files is the slow part on many file systems, and a large chart
   * has hundreds of them of which a handful change.
   */
  private record LinkedCopy(
      Path originals, Path root, Set<Path> realDirs, Map<Path, String> written) {

    void materialize(Path dir) throws IOException {
      Files.createDirectories(root.resolve(dir));
      Set<Path> present = new HashSet<>();
      Path original = originals.resolve(dir);
      if (Files.isDirectory(original)) {
        try (Stream<Path> entries = Files.list(original)) {
          for (Path entry : entries.toList()) {
            Path relative = dir.resolve(entry.getFileName().toString());
            present.add(relative);
            if (realDirs.contains(relative)) {
              materialize(relative);
            } else if (!written.containsKey(relative) && !link(root.resolve(relative), entry)) {
              copyTree(entry, root.resolve(relative));
            }
          }
        }
      }
      for (Path real : realDirs) {
        if (dir.equals(real.getParent()) && !present.contains(real)) {
          materialize(real); // a directory only the copy has, e.g. a new templates/
        }
      }
      for (Map.Entry<Path, String> file : written.entrySet()) {
        if (dir.equals(file.getKey().getParent())) {
          Files.writeString(root.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
      }
    }

    /** Links {@code target} to {@code original}; false where the file system cannot. */
    private static boolean link(Path target, Path original) {
      try {
        Files.createSymbolicLink(target, original);
        return true;
      } catch (UnsupportedOperationException | IOException e) {
        return false;
      }
    }

    private static void copyTree(Path from, Path to) throws IOException {
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
    }
  }
}
