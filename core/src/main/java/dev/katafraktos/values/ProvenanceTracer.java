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
import java.util.function.Predicate;
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
    Map<String, Object> values = EffectiveValues.of(baseline);
    ProvenanceTracer tracer = new ProvenanceTracer(rendering, workDir);
    tracer.enough = enough;
    Provenance provenance = tracer.run(baseline, values);
    return provenance.withCarried(tracer.carried.fields());
  }

  private Provenance run(RenderedManifest baseline, Map<String, Object> values)
      throws RenderException, ManifestParseException {
    this.values = values;
    Map<ImageSite, ImageOccurrence> sites = ImageSite.locate(baseline, extractor);
    Map<ImageSite, Traces> traces = new LinkedHashMap<>();
    sites.forEach((site, occurrence) -> traces.put(site, new Traces(occurrence.image())));
    List<ValueLeaf> leaves = ValueLeaf.flatten(values);

    if (Boolean.FALSE.equals(TraceRounds.valueAt(values, OverridesFile.ALLOW_INSECURE_IMAGES))) {
      // a Bitnami chart: any change of registry is refused without it, so ask before, not after
      insecureImagesAllowed = true;
    }
    List<ValueLeaf> first =
        leaves.stream().filter(l -> TraceRounds.partOfAnImage(l, sites.values())).toList();
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
    traces
        .values()
        .forEach(t -> t.controls.keySet().forEach(p -> parents.add(TraceRounds.parent(p))));
    List<ValueLeaf> second =
        leaves.stream()
            .filter(l -> l.isEmpty() && !done.contains(l.path()))
            .filter(l -> parents.contains(l.parent()) || TraceRounds.isGlobal(l))
            .toList();
    for (MarkedRender render : renderMarked(second)) {
      analyse(render, sites, traces);
    }
    for (List<ValueLeaf> separate : TraceRounds.separateClashes(second, traces)) {
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
      for (List<ValueLeaf> separate : TraceRounds.separateClashes(third, traces)) {
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
        } else if (!TraceRounds.rejectedBySchema(e, group).isEmpty()) {
          List<ValueLeaf> rejected = TraceRounds.rejectedBySchema(e, group);
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
}
