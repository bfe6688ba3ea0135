package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses values to set so that every image with a target becomes exactly that target and every
 * other image stays as it is, using what the {@link ProvenanceTracer trace} learnt about each
 * value's effect. Narrowest first: a value that controls one image is preferred to one that
 * controls many (a {@code global.imageRegistry}), and a choice is only taken when its predicted
 * effect on every image the values touch is right — a global that would also move an image of
 * another registry is never set. A re-render proves the plan afterwards.
 */
public final class MovePlanner {
  private final List<TracedImage> images;
  private final Map<ImageSite, String> targets;
  private final Map<ValuePath, Set<ImageSite>> reach = new HashMap<>();
  private final Map<ValuePath, String> chosen = new LinkedHashMap<>();

  private MovePlanner(List<TracedImage> images, Map<ImageSite, String> targets) {
    this.images = images;
    this.targets = targets;
    for (TracedImage image : images) {
      for (Control control : image.controls()) {
        reach.computeIfAbsent(control.path(), k -> new LinkedHashSet<>()).add(image.site());
      }
    }
  }

  /**
   * Plans the moves.
   *
   * @param targets the image each site must become; sites not in it must stay as they are
   */
  public static MovePlan plan(List<TracedImage> images, Map<ImageSite, String> targets) {
    return new MovePlanner(images, targets).run();
  }

  private MovePlan run() {
    Map<ImageSite, List<ValuePath>> movedBy = new LinkedHashMap<>();
    Map<ImageSite, String> unmovable = new LinkedHashMap<>();
    for (TracedImage image : images) {
      String target = targets.get(image.site());
      if (target == null || target.equals(image.image())) {
        continue;
      }
      Optional<String> done = predict(image, chosen);
      if (done.isPresent() && done.get().equals(target)) {
        movedBy.put(image.site(), pathsOf(image, chosen));
        continue;
      }
      Map<ValuePath, String> edit = choose(image, target);
      if (edit == null) {
        unmovable.put(image.site(), reason(image));
        continue;
      }
      chosen.putAll(edit);
      movedBy.put(image.site(), pathsOf(image, chosen));
    }
    return new MovePlan(chosen, movedBy, unmovable);
  }

  private static List<ValuePath> pathsOf(TracedImage image, Map<ValuePath, String> edits) {
    return image.controls().stream().map(Control::path).filter(edits::containsKey).toList();
  }

  /** The narrowest consistent edit that makes {@code image} its target, or null. */
  private Map<ValuePath, String> choose(TracedImage image, String target) {
    List<Map<ValuePath, String>> candidates = new ArrayList<>();
    List<Control> exact = image.controls().stream().filter(Control::exact).toList();
    for (Control control : exact) {
      solve(image.image(), control, target)
          .ifPresent(x -> candidates.add(Map.of(control.path(), x)));
    }
    for (Control a : exact) {
      for (Control b : exact) {
        if (a.end() <= b.start() && !a.path().equals(b.path())) {
          solve(image.image(), a, b, target).ifPresent(candidates::add);
        }
      }
    }
    candidates.sort(Comparator.comparingInt(this::breadth).thenComparingInt(Map::size));
    for (Map<ValuePath, String> candidate : candidates) {
      if (consistent(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private int breadth(Map<ValuePath, String> edit) {
    Set<ImageSite> sites = new LinkedHashSet<>();
    edit.keySet().forEach(p -> sites.addAll(reach.getOrDefault(p, Set.of())));
    return sites.size();
  }

  /** Whether, with {@code edit} added to what is chosen, every image touched ends up right. */
  private boolean consistent(Map<ValuePath, String> edit) {
    Map<ValuePath, String> all = new LinkedHashMap<>(chosen);
    for (Map.Entry<ValuePath, String> e : edit.entrySet()) {
      String before = all.put(e.getKey(), e.getValue());
      if (before != null && !before.equals(e.getValue())) {
        return false;
      }
    }
    for (TracedImage image : images) {
      if (image.controls().stream().noneMatch(c -> edit.containsKey(c.path()))) {
        continue;
      }
      Optional<String> after = predict(image, all);
      String wanted = targets.getOrDefault(image.site(), image.image());
      if (after.isEmpty() || !after.get().equals(wanted)) {
        return false;
      }
    }
    return true;
  }

  /** The image after {@code edits}, when every edit touching it has a known, separate effect. */
  static Optional<String> predict(TracedImage image, Map<ValuePath, String> edits) {
    List<Control> applied = new ArrayList<>();
    for (Control control : image.controls()) {
      if (edits.containsKey(control.path())) {
        if (!control.exact()) {
          return Optional.empty();
        }
        applied.add(control);
      }
    }
    applied.sort(Comparator.comparingInt(Control::start));
    for (int i = 1; i < applied.size(); i++) {
      if (applied.get(i - 1).end() > applied.get(i).start()) {
        return Optional.empty();
      }
    }
    String result = image.image();
    for (int i = applied.size() - 1; i >= 0; i--) {
      Control c = applied.get(i);
      String x = edits.get(c.path());
      result =
          result.substring(0, c.start()) + c.prefix() + x + c.suffix() + result.substring(c.end());
    }
    return Optional.of(result);
  }

  /** x such that control set to x turns {@code image} into {@code target}. */
  static Optional<String> solve(String image, Control c, String target) {
    String head = image.substring(0, c.start()) + c.prefix();
    String tail = c.suffix() + image.substring(c.end());
    if (target.length() > head.length() + tail.length()
        && target.startsWith(head)
        && target.endsWith(tail)) {
      return Optional.of(target.substring(head.length(), target.length() - tail.length()));
    }
    return Optional.empty();
  }

  /**
   * x and y for two controls (a before b). When the text between them occurs more than once in the
   * target, the split that keeps b's number of path segments wins: registry {@code docker.io} plus
   * repository {@code bitnami/nginx} become {@code harbor.corp} and {@code mirror/nginx}.
   */
  static Optional<Map<ValuePath, String>> solve(String image, Control a, Control b, String target) {
    String head = image.substring(0, a.start()) + a.prefix();
    String middle = a.suffix() + image.substring(a.end(), b.start()) + b.prefix();
    String tail = b.suffix() + image.substring(b.end());
    if (middle.isEmpty()
        || target.length() < head.length() + middle.length() + tail.length() + 2
        || !target.startsWith(head)
        || !target.endsWith(tail)) {
      return Optional.empty();
    }
    String inner = target.substring(head.length(), target.length() - tail.length());
    Map<ValuePath, String> fallback = null;
    for (int k = inner.indexOf(middle, 1); k > 0; k = inner.indexOf(middle, k + 1)) {
      String x = inner.substring(0, k);
      String y = inner.substring(k + middle.length());
      if (y.isEmpty()) {
        break;
      }
      Map<ValuePath, String> split = new LinkedHashMap<>();
      split.put(a.path(), x);
      split.put(b.path(), y);
      if (segments(y) == segments(b.value())) {
        return Optional.of(split);
      }
      if (fallback == null) {
        fallback = split;
      }
    }
    return Optional.ofNullable(fallback);
  }

  private static long segments(String text) {
    return text.chars().filter(ch -> ch == '/').count();
  }

  private String reason(TracedImage image) {
    if (!image.controllable()) {
      return "hard-coded in the template: no value changes it";
    }
    List<String> exact =
        image.controls().stream().filter(Control::exact).map(c -> c.path().toString()).toList();
    List<String> all = image.controls().stream().map(c -> c.path().toString()).toList();
    if (exact.isEmpty()) {
      return "the template transforms the values that set it ("
          + String.join(", ", all)
          + "), so the value to write is not known; set it by hand";
    }
    return "no change of "
        + String.join(", ", all)
        + " gives the target without also changing another image";
  }
}
