package dev.katafraktos.values;

import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which values control which images by asking the renderer, not by guessing from key names:
 * every value that could be part of an image is changed to a {@link Marker marked} variant, all at
 * once, and the chart is rendered again; wherever a marker shows up in an image, that value went
 * there — through subcharts, globals, {@code tpl}, {@code printf}, defaults, anchors alike.
 *
 * <ol>
 *   <li>Round one marks every non-empty value whose text occurs in an image (and every value
 *       holding a template).
 *   <li>Round two marks the empty values beside those that were found (an empty {@code registry},
 *       {@code tag} or {@code digest} the template fills with a default) and the empty globals; two
 *       empty values in one image are told apart by rendering them separately.
 * </ol>
 *
 * A render that fails with markers (a schema, a {@code semverCompare}) is split in halves until the
 * values that cannot be marked are found; they are reported in {@link Provenance#notes()}.
 */
public final class ProvenanceTracer {
  private static final int MAX_MARKED_RENDERS = 24;

  private final ImageExtractor extractor = new ImageExtractor();
  private final Rendering rendering;
  private final Path workDir;
  private int renders = 1; // the baseline
  private int nextId = 1;
  private boolean insecureImagesAllowed;
  private final List<String> notes = new ArrayList<>();

  private ProvenanceTracer(Rendering rendering, Path workDir) {
    this.rendering = rendering;
    this.workDir = workDir;
  }

  /**
   * Traces the images of {@code baseline}.
   *
   * @param effectiveValues the values as the top chart saw them in the baseline (maps of maps)
   * @param workDir where the generated values files go
   */
  public static Provenance trace(
      RenderedManifest baseline,
      Map<String, Object> effectiveValues,
      Rendering rendering,
      Path workDir)
      throws RenderException, ManifestParseException {
    return new ProvenanceTracer(rendering, workDir).run(baseline, effectiveValues);
  }

  private Provenance run(RenderedManifest baseline, Map<String, Object> values)
      throws RenderException, ManifestParseException {
    Map<ImageSite, ImageOccurrence> sites = ImageSite.locate(baseline, extractor);
    Map<ImageSite, Traces> traces = new LinkedHashMap<>();
    sites.forEach((site, occurrence) -> traces.put(site, new Traces(occurrence.image())));
    List<ValueLeaf> leaves = ValueLeaf.flatten(values);

    List<ValueLeaf> first = leaves.stream().filter(l -> partOfAnImage(l, sites.values())).toList();
    for (MarkedRender render : renderMarked(first)) {
      analyse(render, sites, traces);
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
    List<MarkedRender> rendered = renderMarked(second);
    for (MarkedRender render : rendered) {
      analyse(render, sites, traces);
    }
    for (List<ValueLeaf> separate : separateClashes(second, traces)) {
      for (MarkedRender render : renderMarked(separate)) {
        analyse(render, sites, traces);
      }
    }

    List<TracedImage> images = new ArrayList<>();
    sites.forEach(
        (site, occurrence) -> {
          Traces t = traces.get(site);
          List<Control> controls = new ArrayList<>(t.controls.values());
          controls.sort((a, b) -> Boolean.compare(b.exact(), a.exact()));
          images.add(new TracedImage(site, occurrence, controls, t.changedOtherwise));
        });
    return new Provenance(images, renders, insecureImagesAllowed, notes);
  }

  private static boolean isGlobal(ValueLeaf leaf) {
    return leaf.path().keys().size() == 2 && leaf.path().keys().get(0).equals("global");
  }

  private static List<String> parent(ValuePath path) {
    return path.keys().subList(0, path.keys().size() - 1);
  }

  /** Whether a value could be (part of) an image: its text occurs in one, or it is a template. */
  private static boolean partOfAnImage(ValueLeaf leaf, Iterable<ImageOccurrence> images) {
    String text = leaf.printed();
    if (leaf.isEmpty() || text == null || leaf.value() instanceof Boolean) {
      return false;
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
                rendering.render(List.of(OverridesFile.write(workDir, "marked-", overrides)))));
      } catch (RenderException e) {
        if (!insecureImagesAllowed && e.getMessage().contains(OverridesFile.SUBSTITUTION_REFUSED)) {
          insecureImagesAllowed = true;
          queue.addFirst(group);
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

  private void analyse(
      MarkedRender render, Map<ImageSite, ImageOccurrence> sites, Map<ImageSite, Traces> traces)
      throws ManifestParseException {
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
