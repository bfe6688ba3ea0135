package dev.katafraktos.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns renderer output into a {@link RenderedManifest}, the same way for every renderer. */
final class RenderedManifests {

  // a file of a chart's (or subchart's) crds/ directory, as helm names it in "# Source:"
  private static final Pattern CRD_DIR_SOURCE = Pattern.compile("^[^/]+(?:/charts/[^/]+)*/crds/");
  private static final Pattern HOOK_ANNOTATION =
      Pattern.compile("(?m)^\\s*[\"']?helm\\.sh/hook[\"']?\\s*:\\s*[\"']?([^\"'\\n#]*)");

  private RenderedManifests() {}

  static RenderedManifest assemble(RenderRequest request, ChartMetadata metadata, String output)
      throws RenderException {
    List<RenderedDocument> manifests = new ArrayList<>();
    List<RenderedDocument> hooks = new ArrayList<>();
    RenderedDocument values = null;
    for (RenderedDocument document : ManifestSplitter.split(output)) {
      if (request.dumpValues() && ValuesDump.isDump(document)) {
        values = document;
        continue;
      }
      if (!request.includeCrds()
          && document.source() != null
          && CRD_DIR_SOURCE.matcher(document.source()).find()) {
        continue;
      }
      String hook = hookEvents(document.content());
      if (hook == null) {
        manifests.add(document);
      } else if (!(request.skipTests() && isTest(hook))) {
        hooks.add(document);
      }
    }
    // helm template prints hooks after the release manifest
    manifests.addAll(hooks);
    return new RenderedManifest(
        request.chart().toString(),
        metadata.name(),
        request.release(),
        request.namespace(),
        manifests,
        metadata.annotations(),
        request.dumpValues() ? ValuesDump.json(request.chart().toString(), values) : null);
  }

  private static String hookEvents(String content) {
    Matcher m = HOOK_ANNOTATION.matcher(content);
    return m.find() ? m.group(1).strip() : null;
  }

  private static boolean isTest(String hookEvents) {
    for (String event : hookEvents.split(",")) {
      String e = event.strip();
      if (e.equals("test") || e.equals("test-success")) {
        return true;
      }
    }
    return false;
  }
}
