package dev.katafraktos.values;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which values control which images by asking the renderer, not by guessing from key names:
 * every value that could be part of an image is changed to a {@link Marker marked} variant, all at
 * once, and the chart is rendered again; wherever a marker shows up in an image, that value went
 * there — through subcharts, globals, {@code tpl}, {@code printf}, defaults, anchors alike.
 *
 * <ol>
 *   <li>Round one marks every non-empty value whose text occurs in an image (and every value
 *       holding a template), values inside lists included ({@code initContainers[0].image}).
 *   <li>Round two marks the empty values beside those that were found (an empty {@code registry},
 *       {@code tag} or {@code digest} the template fills with a default) and the empty globals; two
 *       empty values in one image are told apart by rendering them separately.
 *   <li>Round three marks the empty values whose path names an image part.
 * </ol>
 *
 * Rounds two and three run only when the caller says what is known is not enough (see {@link
 * #trace(RenderedManifest, Rendering, Path, Predicate)}): most charts need one marked render.
 *
 * <p>A render that fails with markers (a schema, a {@code semverCompare}) is split in halves until
 * the values that cannot be marked are found; they are reported in {@link Provenance#notes()}.
 */
public final class ProvenanceTracer {
  private static final int MAX_MARKED_RENDERS = 24;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IMAGE_WORDS =
      Pattern.compile("(?i)image|registry|repository|tag|digest");

  private final ImageExtractor extractor = new ImageExtractor();
  private final Rendering rendering;
  private final Path workDir;
  private Map<String, Object> values = Map.of();
  private Predicate<List<TracedImage>> enough = images -> false;
  private int renders = 1; // the baseline
  private int nextId = 1;
  private boolean insecureImagesAllowed;
  private final List<String> notes = new ArrayList<>();
  private final CarriedValues carried = new CarriedValues();

  private ProvenanceTracer(Rendering rendering, Path workDir) {
    this.rendering = rendering;
    this.workDir = workDir;
  }

  /**
   * Traces the images of {@code baseline}.
   *
   * @param baseline a render with the chart's effective values ({@code dumpValues})
   * @param workDir where the generated values files go
   */
  public static Provenance trace(RenderedManifest baseline, Rendering rendering, Path workDir)
      throws RenderException, ManifestParseException {
    return trace(baseline, rendering, workDir, images -> false);
  }

  /**
   * Traces the images of {@code baseline}, stopping after a round as soon as {@code enough} holds
   * for what is known.
   *
   * @param baseline a render with the chart's effective values ({@code dumpValues})
   * @param workDir where the generated values files go
   * @param enough whether the images traced so far suffice (e.g. every image that must move can)
   */
  public static Provenance trace(
      RenderedManifest baseline,
      Rendering rendering,
      Path workDir,
      Predicate<List<TracedImage>> enough)
      throws RenderException, ManifestParseException {
    if (baseline.valuesJson() == null) {
      throw new IllegalArgumentException("the baseline render must carry the chart's values");
    }
    Map<String, Object> values;
    try {
      values = JSON.readValue(baseline.valuesJson(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("helm printed values that are not JSON", e);
    }
    ProvenanceTracer tracer = new ProvenanceTracer(rendering, workDir);
    tracer.enough = enough;
    Provenance provenance = tracer.run(baseline, values == null ? Map.of() : values);
    return provenance.withCarried(tracer.carried.fields());
  }

  private Provenance run(RenderedManifest baseline, Map<String, Object> values)
      throws RenderException, ManifestParseException {
    this.values = values;
    Map<ImageSite, ImageOccurrence> sites = ImageSite.locate(baseline, extractor);
    Map<ImageSite, Traces> traces = new LinkedHashMap<>();
    sites.forEach((site, occurrence) -> traces.put(site, new Traces(occurrence.image())));
    List<ValueLeaf> leaves = ValueLeaf.flatten(values);

    if (Boolean.FALSE.equals(valueAt(values, OverridesFile.ALLOW_INSECURE_IMAGES))) {
      // a Bitnami chart: any change of registry is refused without it, so ask before, not after
      insecureImagesAllowed = true;
    }
    List<ValueLeaf> first = leaves.stream().filter(l -> partOfAnImage(l, sites.values())).toList();
    for (MarkedRender render : renderMarked(first)) {
      analyse(render, sites, traces);
    }
    // Empty values are marked in renders of their own: a template fills an empty value with a
    // default, so its marker cannot be undone in the text like a non-empty one, and a set global
    // may shadow the value it replaces. Each further round runs only when the caller cannot do
    // its job with what is known (every image that must move can be moved).
    if (enough.test(images(sites, traces))) {
      return provenance(sites, traces);
    }
    Set<List<String>> parents = new HashSet<>();
    Set<ValuePath> done = new HashSet<>();
    first.forEach(l -> done.add(l.path()));
    traces.values().forEach(t -> t.controls.keySet().forEach(p -> parents.add(parent(p))));
    List<ValueLeaf> second =
        leaves.stream()
            .filter(l -> l.isEmpty() && !done.contains(l.path()))
            .filter(l -> parents.contains(l.parent()) || isGlobal(l))
            .toList();
    for (MarkedRender render : renderMarked(second)) {
      analyse(render, sites, traces);
    }
    for (List<ValueLeaf> separate : separateClashes(second, traces)) {
      for (MarkedRender render : renderMarked(separate)) {
        analyse(render, sites, traces);
      }
    }

    if (!enough.test(images(sites, traces))
        && traces.values().stream().anyMatch(t -> t.controls.isEmpty())) {
      // An image nothing controls so far may take every part from template defaults (traefik:
      // image.registry, .repository and .tag are null). Marking every empty value at once breaks
      // most charts, so only those whose path names an image part are tried — the names choose
      // what to try, the render decides what is true.
      second.forEach(l -> done.add(l.path()));
      List<ValueLeaf> third =
          leaves.stream()
              .filter(l -> l.isEmpty() && !done.contains(l.path()))
              .filter(l -> IMAGE_WORDS.matcher(l.path().toString()).find())
              .toList();
      for (MarkedRender render : renderMarked(third)) {
        analyse(render, sites, traces);
      }
      for (List<ValueLeaf> separate : separateClashes(third, traces)) {
        for (MarkedRender render : renderMarked(separate)) {
          analyse(render, sites, traces);
        }
      }
    }
    return provenance(sites, traces);
  }

  private Provenance provenance(
      Map<ImageSite, ImageOccurrence> sites, Map<ImageSite, Traces> traces) {
    return new Provenance(images(sites, traces), renders, insecureImagesAllowed, notes);
  }

  private static List<TracedImage> images(
      Map<ImageSite, ImageOccurrence> sites, Map<ImageSite, Traces> traces) {
    List<TracedImage> images = new ArrayList<>();
    sites.forEach(
        (site, occurrence) -> {
          Traces t = traces.get(site);
          List<Control> controls = new ArrayList<>(t.controls.values());
          controls.sort((a, b) -> Boolean.compare(b.exact(), a.exact()));
          images.add(new TracedImage(site, occurrence, controls, t.changedOtherwise));
        });
    return images;
  }

  private static boolean isGlobal(ValueLeaf leaf) {
    return leaf.path().keys().size() == 2 && leaf.path().keys().get(0).equals("global");
  }

  private static List<String> parent(ValuePath path) {
    return path.keys().subList(0, path.keys().size() - 1);
  }

  private static Object valueAt(Map<String, Object> values, ValuePath path) {
    Object node = values;
    for (String key : path.keys()) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  /** Whether a value could be (part of) an image: its text occurs in one, or it is a template. */
  private static boolean partOfAnImage(ValueLeaf leaf, Iterable<ImageOccurrence> images) {
    String text = leaf.printed();
    if (leaf.isEmpty() || text == null || leaf.value() instanceof Boolean) {
      return false;
    }
    if (text.contains("\n")) {
      return false; // images are one line; a multi-line value is a block of YAML or a script
    }
    if (leaf.value() instanceof String && text.contains("{{")) {
      return true;
    }
    for (ImageOccurrence occurrence : images) {
      String image = occurrence.image();
      boolean tag = image.endsWith(":" + text) || image.contains(":" + text + "@");
      if (tag || (text.length() >= 3 && leaf.value() instanceof String && image.contains(text))) {
        return true;
      }
    }
    return false;
  }

  private record MarkedRender(Map<Integer, Marker> markers, RenderedManifest manifest) {}

  /**
   * Renders with all {@code leaves} marked; a failing render is split in halves until each failing
   * value stands alone.
   */
  private List<MarkedRender> renderMarked(List<ValueLeaf> leaves) throws RenderException {
    List<MarkedRender> out = new ArrayList<>();
    Deque<List<ValueLeaf>> queue = new ArrayDeque<>();
    if (!leaves.isEmpty()) {
      queue.add(leaves);
    }
    while (!queue.isEmpty()) {
      List<ValueLeaf> group = queue.poll();
      if (renders > MAX_MARKED_RENDERS) {
        group.forEach(l -> notes.add(l.path() + ": not traced (render budget spent)"));
        continue;
      }
      Map<Integer, Marker> markers = new LinkedHashMap<>();
      Map<ValuePath, Object> overrides = new LinkedHashMap<>();
      for (ValueLeaf leaf : group) {
        Marker marker = Marker.of(nextId++, leaf);
        markers.put(marker.id(), marker);
        overrides.put(leaf.path(), marker.text());
      }
      if (insecureImagesAllowed) {
        overrides.put(OverridesFile.ALLOW_INSECURE_IMAGES, true);
      }
      renders++;
      try {
        out.add(
            new MarkedRender(
                markers,
                rendering.render(
                    List.of(OverridesFile.write(workDir, "marked-", overrides, values)))));
      } catch (RenderException e) {
        if (!insecureImagesAllowed && e.getMessage().contains(OverridesFile.SUBSTITUTION_REFUSED)) {
          insecureImagesAllowed = true;
          queue.addFirst(group);
        } else if (!rejectedBySchema(e, group).isEmpty()) {
          List<ValueLeaf> rejected = rejectedBySchema(e, group);
          rejected.forEach(
              l ->
                  notes.add(
                      l.path() + ": not traced, the chart's schema rejects a" + " changed value"));
          List<ValueLeaf> rest = new ArrayList<>(group);
          rest.removeAll(rejected);
          if (!rest.isEmpty()) {
            queue.addFirst(rest);
          }
        } else if (group.size() == 1) {
          notes.add(
              group.get(0).path()
                  + ": not traced, the chart fails with it changed ("
                  + e.getMessage()
                  + ")");
        } else {
          queue.addFirst(group.subList(group.size() / 2, group.size()));
          queue.addFirst(group.subList(0, group.size() / 2));
        }
      }
    }
    return out;
  }

  // helm 3.17 (gojsonschema) "- a.b: Invalid type", helm 3.18+/4 "- at '/a/b': got string"
  private static final Pattern SCHEMA_PATH =
      Pattern.compile("(?m)^- (?:at '(/[^']*)'|([^\\s:]+):)");

  /** The marked values whose markers helm's error message quotes. */
  private static List<ValueLeaf> named(RenderException e, Map<Integer, Marker> markers) {
    String text = e.details() != null ? e.details() : e.getMessage();
    Map<Integer, Marker> found = new LinkedHashMap<>();
    for (Marker.Hit hit : Marker.find(text, markers)) {
      found.put(hit.id(), markers.get(hit.id()));
    }
    return found.values().stream().map(Marker::leaf).toList();
  }

  /** The marked values a values.schema.json refused, as helm lists them. */
  private static List<ValueLeaf> rejectedBySchema(RenderException e, List<ValueLeaf> group) {
    String details = e.details();
    if (details == null || !details.contains("values don't meet the specifications")) {
      return List.of();
    }
    Set<String> paths = new HashSet<>();
    Matcher m = SCHEMA_PATH.matcher(details);
    while (m.find()) {
      paths.add(m.group(1) != null ? m.group(1).substring(1).replace('/', '.') : m.group(2));
    }
    return group.stream().filter(l -> paths.contains(String.join(".", l.path().keys()))).toList();
  }

  private void analyse(
      MarkedRender render, Map<ImageSite, ImageOccurrence> sites, Map<ImageSite, Traces> traces)
      throws ManifestParseException {
    carried.add(render.manifest(), render.markers());
    Map<ImageSite, ImageOccurrence> marked = ImageSite.locate(render.manifest(), extractor);
    for (Map.Entry<ImageSite, ImageOccurrence> entry : sites.entrySet()) {
      ImageOccurrence there = marked.get(entry.getKey());
      if (there != null) {
        traces.get(entry.getKey()).add(there.image(), render.markers());
      }
    }
  }

  /**
   * Empty values that showed up together in one image (their effects cannot be told apart), spread
   * over as few renders as possible so that no two of them share one (greedy colouring).
   */
  private static List<List<ValueLeaf>> separateClashes(
      List<ValueLeaf> leaves, Map<ImageSite, Traces> traces) {
    Map<ValuePath, Set<ValuePath>> clashesWith = new LinkedHashMap<>();
    for (Traces t : traces.values()) {
      for (List<ValuePath> clash : t.clashingEmpties) {
        for (ValuePath a : clash) {
          for (ValuePath b : clash) {
            if (!a.equals(b)) {
              clashesWith.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            }
          }
        }
      }
    }
    Map<ValuePath, Integer> colour = new LinkedHashMap<>();
    List<List<ValueLeaf>> out = new ArrayList<>();
    for (ValueLeaf leaf : leaves) {
      Set<ValuePath> neighbours = clashesWith.get(leaf.path());
      if (neighbours == null) {
        continue;
      }
      int c = 0;
      while (true) {
        int candidate = c;
        if (neighbours.stream().noneMatch(n -> Integer.valueOf(candidate).equals(colour.get(n)))) {
          break;
        }
        c++;
      }
      colour.put(leaf.path(), c);
      while (out.size() <= c) {
        out.add(new ArrayList<>());
      }
      out.get(c).add(leaf);
    }
    return out;
  }
}
