package dev.katafraktos.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temporary copies of charts that make helm-java's {@code template()} print what {@code helm
 * template} prints. helm-java returns only the release manifest:
 *
 * <ul>
 *   <li><b>Hooks</b> (test pods, pre-install jobs: images a cluster pulls) are kept apart by helm
 *       and dropped. In the copy, {@code helm.sh/hook} reads {@link #HOOK_TOKEN} in every file —
 *       templates, and values files too, since charts such as cert-manager take hook annotations
 *       from values — so those documents stay in the manifest; the renderer does the same to user
 *       values files, and {@link #restore} puts the annotation back. Spelling it the same way
 *       everywhere keeps any template logic that compares it working.
 *   <li><b>CRDs</b> of {@code crds/} directories are installed apart and never printed. When they
 *       are asked for, every chart and subchart of the copy gets a template that prints its {@code
 *       crds/} files with a marker line; only enabled subcharts render, as in helm. {@link
 *       #restore} names each document after its file again.
 * </ul>
 *
 * A chart that needs neither is rendered in place. Copies are made once per renderer (rewrites
 * render one chart many times) and removed on {@link #close}.
 */
final class PreparedCharts implements AutoCloseable {
  static final String HOOK = "helm.sh/hook";
  static final String HOOK_TOKEN = "katafraktos.invalid/hook";
  private static final String CRD_TEMPLATE = "zz-katafraktos-crds.yaml";
  private static final String CRD_MARKER = "# katafraktos-crd-source: ";
  private static final String CRD_TEMPLATE_TEXT =
      String.join(
          "\n",
          "{{- range $path, $_ := .Files.Glob \"crds/**\" }}",
          "{{- if or (hasSuffix \".yaml\" $path) (hasSuffix \".yml\" $path) (hasSuffix \".json\" $path) }}",
          "---",
          CRD_MARKER + "{{ $path }}",
          "{{ $.Files.Get $path }}",
          "{{- end }}",
          "{{- end }}",
          "");
  private static final Pattern CRD_DOCUMENT_SOURCE =
      Pattern.compile("(?m)^# Source: (.*/)templates/" + Pattern.quote(CRD_TEMPLATE) + "$");

  private static final byte[] NOT_READ = new byte[0];
  private static final byte[] HOOK_BYTES = HOOK.getBytes(StandardCharsets.US_ASCII);

  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  /** The path to hand to helm-java: the chart itself, or a prepared copy. */
  Path prepare(Path chart, boolean withCrds) throws IOException {
    Path source = chart.toAbsolutePath().normalize();
    String key = source + (withCrds ? "#crds" : "");
    Copy cached = copies.get(key);
    if (cached != null) {
      return cached.path;
    }
    boolean directory = Files.isDirectory(source);
    Map<String, byte[]> files = directory ? readDirectory(source) : readArchive(source);
    boolean hooks = files.values().stream().anyMatch(PreparedCharts::mentionsHook);
    Copy copy;
    if (!hooks && !withCrds) {
      copy = new Copy(source, false);
    } else if (directory) {
      copy = new Copy(linkDirectory(source, files, withCrds), true);
    } else {
      copy = new Copy(write(files, withCrds), true);
    }
    Copy raced = copies.putIfAbsent(key, copy);
    if (raced != null) {
      if (copy.temporary) {
        delete(copy.path);
      }
      return raced.path;
    }
    return copy.path;
  }

  /** Puts hook annotations and CRD file names back into rendered output. */
  static String restore(String output) {
    String text = output.replace(HOOK_TOKEN, HOOK);
    if (!text.contains(CRD_MARKER)) {
      return text;
    }
    String[] documents = text.split("(?m)^---[ \\t]*$", -1);
    for (int i = 0; i < documents.length; i++) {
      String document = documents[i];
      Matcher source = CRD_DOCUMENT_SOURCE.matcher(document);
      int marker = document.indexOf(CRD_MARKER);
      if (source.find() && marker >= 0) {
        int end = document.indexOf('\n', marker);
        String file =
            document
                .substring(marker + CRD_MARKER.length(), end < 0 ? document.length() : end)
                .strip();
        String named =
            source.replaceFirst(Matcher.quoteReplacement("# Source: " + source.group(1) + file));
        int namedMarker = named.indexOf(CRD_MARKER);
        int namedEnd = named.indexOf('\n', namedMarker);
        documents[i] =
            named.substring(0, namedMarker) + (namedEnd < 0 ? "" : named.substring(namedEnd + 1));
      }
    }
    return String.join("---", documents);
  }

  /** Files of a chart directory, keyed by path relative to its parent ("chart/templates/x"). */
  private static Map<String, byte[]> readDirectory(Path chart) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Path parent = chart.getParent();
    try (Stream<Path> walk = Files.walk(chart)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = parent.relativize(file).toString().replace('\\', '/');
        files.put(name, mayCarryHooks(name) ? Files.readAllBytes(file) : NOT_READ);
      }
    }
    return files;
  }

  /**
   * Whether a chart file can put a hook annotation into a manifest: templates, and YAML such as
   * values files. Other files (dashboards, scripts, CRDs) are linked unread: a directory copy links
   * every unchanged file, so reading them would only cost time.
   */
  private static boolean mayCarryHooks(String name) {
    if (name.contains("/crds/")) {
      return false;
    }
    return name.contains("/templates/")
        || name.endsWith(".yaml")
        || name.endsWith(".yml")
        || name.endsWith(".tpl");
  }

  private static Map<String, byte[]> readArchive(Path tgz) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ChartArchive.read(tgz)
        .files()
        .forEach(
            (name, content) -> {
              if (!name.startsWith("/") && !name.contains("..")) { // never write outside the copy
                files.put(name, content);
              }
            });
    return files;
  }

  /** Writes a copy of every file (a packaged chart has no originals on disk to link to). */
  private static Path write(Map<String, byte[]> files, boolean withCrds) throws IOException {
    Path root = Files.createTempDirectory("katafraktos-chart-");
    List<String> chartDirs = new ArrayList<>();
    String top = null;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String name = e.getKey();
      top = top == null ? name.substring(0, name.indexOf('/') + 1) : top;
      byte[] content = e.getValue();
      Path target = root.resolve(name);
      Files.createDirectories(target.getParent());
      if (mentionsHook(content)) {
        Files.writeString(target, exposeHooks(new String(content, StandardCharsets.UTF_8)));
      } else {
        Files.write(target, content);
      }
      if (name.endsWith("/Chart.yaml")) {
        chartDirs.add(name.substring(0, name.length() - "Chart.yaml".length()));
      }
    }
    if (withCrds) {
      for (String dir : chartDirs) {
        Path template = root.resolve(dir + "templates/" + CRD_TEMPLATE);
        Files.createDirectories(template.getParent());
        Files.writeString(template, CRD_TEMPLATE_TEXT);
      }
    }
    return root.resolve(top == null ? "" : top);
  }

  /**
   * A copy of a chart directory made of symbolic links (helm's loader follows them): only the
   * directories on the way to a changed or added file are real, every other file and directory
   * links to the original. Creating files is the slow part on many file systems, and a large chart
   * has hundreds of them of which a handful change.
   */
  private static Path linkDirectory(Path chart, Map<String, byte[]> files, boolean withCrds)
      throws IOException {
    Path parent = chart.getParent();
    Map<Path, String> written = new LinkedHashMap<>(); // copy-relative path -> new content
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (mentionsHook(e.getValue())) {
        written.put(
            Path.of(e.getKey()), exposeHooks(new String(e.getValue(), StandardCharsets.UTF_8)));
      }
      if (withCrds && e.getKey().endsWith("/Chart.yaml")) {
        Path dir = Path.of(e.getKey()).getParent();
        written.put(dir.resolve("templates").resolve(CRD_TEMPLATE), CRD_TEMPLATE_TEXT);
      }
    }
    Set<Path> realDirs = new HashSet<>();
    for (Path file : written.keySet()) {
      for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
        realDirs.add(dir);
      }
    }
    Path root = Files.createTempDirectory("katafraktos-chart-");
    Path top = chart.getFileName();
    materialize(parent, root, top, realDirs, written);
    return root.resolve(top);
  }

  private static void materialize(
      Path originals, Path root, Path dir, Set<Path> realDirs, Map<Path, String> written)
      throws IOException {
    Files.createDirectories(root.resolve(dir));
    Set<Path> present = new HashSet<>();
    Path original = originals.resolve(dir);
    if (Files.isDirectory(original)) {
      try (Stream<Path> entries = Files.list(original)) {
        for (Path entry : entries.toList()) {
          Path relative = dir.resolve(entry.getFileName().toString());
          present.add(relative);
          if (realDirs.contains(relative)) {
            materialize(originals, root, relative, realDirs, written);
          } else if (!written.containsKey(relative) && !link(root.resolve(relative), entry)) {
            copyTree(entry, root.resolve(relative));
          }
        }
      }
    }
    for (Map.Entry<Path, String> file : written.entrySet()) {
      if (dir.equals(file.getKey().getParent())) {
        Files.writeString(root.resolve(file.getKey()), file.getValue());
      } else if (dir.equals(file.getKey().getParent().getParent())
          && !present.contains(file.getKey().getParent())) {
        materialize(
            originals, root, file.getKey().getParent(), realDirs, written); // new templates/
        present.add(file.getKey().getParent());
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

  /** The text with the hook annotation spelled as {@link #HOOK_TOKEN}. */
  static String exposeHooks(String text) {
    return text.replace(HOOK, HOOK_TOKEN);
  }

  static boolean mentionsHook(byte[] content) {
    byte[] hook = HOOK_BYTES;
    outer:
    for (int i = 0, last = content.length - hook.length; i <= last; i++) {
      for (int j = 0; j < hook.length; j++) {
        if (content[i + j] != hook[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    copies.values().stream().filter(Copy::temporary).forEach(c -> delete(c.path));
    copies.clear();
  }

  private static void delete(Path copy) {
    try (Stream<Path> walk = Files.walk(copy.getParent())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary copy left behind is harmless; the OS cleans its temp directory
    }
  }

  private record Copy(Path path, boolean temporary) {}
}
