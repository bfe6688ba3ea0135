package dev.katafraktos.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary {@link ChartFiles copies} of charts for what a plain render of the chart does not
 * print. helm-java's {@code template()} returns only the release manifest, so for the embedded
 * renderer ({@code exposeHooks}):
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
 * For every renderer, a copy gets the {@link ValuesDump} template when effective values are asked
 * for. A chart that needs none of this is rendered in place. Copies are made once per renderer
 * (rewrites render one chart many times) and removed on {@link #close}.
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
  // the copy's values say HOOK_TOKEN where the user wrote HOOK; the dump shows what the user wrote
  private static final String RESTORE_HOOKS_IN_TEMPLATE =
      "replace \"" + HOOK_TOKEN + "\" \"" + HOOK + "\"";

  private static final byte[] HOOK_BYTES = HOOK.getBytes(StandardCharsets.US_ASCII);

  private final boolean exposeHooks;
  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  /**
   * @param exposeHooks whether copies spell the hook annotation as {@link #HOOK_TOKEN} (for
   *     helm-java, which drops hooks); a helm binary prints hooks itself
   */
  PreparedCharts(boolean exposeHooks) {
    this.exposeHooks = exposeHooks;
  }

  /** The path to hand to helm: the chart itself, or a prepared copy. */
  Path prepare(Path chart, boolean withCrds, boolean withValues) throws IOException {
    Path source = chart.toAbsolutePath().normalize();
    String key = source + (withCrds ? "#crds" : "") + (withValues ? "#values" : "");
    Copy cached = copies.get(key);
    if (cached != null) {
      return cached.path;
    }
    ChartFiles files = ChartFiles.read(source, name -> exposeHooks && mayCarryHooks(name));
    Map<String, String> changed = changes(files, withCrds, withValues);
    Copy copy = changed.isEmpty() ? new Copy(source, false) : new Copy(files.copy(changed), true);
    Copy raced = copies.putIfAbsent(key, copy);
    if (raced != null) {
      if (copy.temporary) {
        ChartFiles.delete(copy.path);
      }
      return raced.path;
    }
    return copy.path;
  }

  /** The files a copy replaces or adds, by name. */
  private Map<String, String> changes(ChartFiles chart, boolean withCrds, boolean withValues)
      throws IOException {
    Map<String, String> changed = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : chart.files().entrySet()) {
      String name = file.getKey();
      if (exposeHooks && mentionsHook(file.getValue())) {
        changed.put(name, exposeHooks(new String(file.getValue(), StandardCharsets.UTF_8)));
      }
      if (withCrds && name.endsWith("/Chart.yaml")) {
        String dir = name.substring(0, name.length() - "Chart.yaml".length());
        changed.put(dir + "templates/" + CRD_TEMPLATE, CRD_TEMPLATE_TEXT);
      }
    }
    if (withValues) {
      changed.put(
          ValuesDump.templateName(chart.top(), chart.depth()),
          ValuesDump.template(exposeHooks ? RESTORE_HOOKS_IN_TEMPLATE : null));
    }
    return changed;
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
    copies.values().stream().filter(Copy::temporary).forEach(c -> ChartFiles.delete(c.path));
    copies.clear();
  }

  private record Copy(Path path, boolean temporary) {}
}
