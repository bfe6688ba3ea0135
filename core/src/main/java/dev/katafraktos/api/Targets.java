package dev.katafraktos.api;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.TracedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each image of a chart should become: its mapped target, written as the chart wrote the
 * image's tag and digest (they are kept as they are).
 *
 * @param targets the target of each image that moves
 * @param alreadyInPlace images that already come from a mapping's target
 * @param unmapped images no mapping covers
 * @param used the mappings that covered an image
 */
record Targets(
    Map<ImageSite, String> targets,
    List<String> alreadyInPlace,
    List<String> unmapped,
    Set<Mapping> used) {

  static Targets of(List<TracedImage> images, List<Mapping> mappings) {
    Map<ImageSite, String> targets = new LinkedHashMap<>();
    Set<String> inPlace = new LinkedHashSet<>();
    Set<String> unmapped = new LinkedHashSet<>();
    Set<Mapping> used = new LinkedHashSet<>();
    for (TracedImage image : images) {
      Optional<ImageRef> ref = ImageRef.tryParseNormalized(image.image());
      if (ref.isEmpty()) {
        unmapped.add(image.image());
        continue;
      }
      Optional<Mapping> home =
          mappings.stream().filter(m -> isUnder(ref.get(), m.target())).findFirst();
      if (home.isPresent()) {
        used.add(home.get());
        inPlace.add(image.image());
        continue;
      }
      Optional<Mapping> mapping = longestMatch(mappings, ref.get());
      Optional<ImageRef> target = mapping.flatMap(m -> m.target(ref.get()));
      if (target.isEmpty()) {
        unmapped.add(image.image());
        continue;
      }
      used.add(mapping.get());
      targets.put(image.site(), target.get().name() + tagAndDigest(image.image()));
    }
    return new Targets(targets, new ArrayList<>(inPlace), new ArrayList<>(unmapped), used);
  }

  private static boolean isUnder(ImageRef ref, String prefix) {
    return ref.name().equals(prefix) || ref.name().startsWith(prefix + "/");
  }

  private static Optional<Mapping> longestMatch(List<Mapping> mappings, ImageRef ref) {
    return mappings.stream()
        .filter(m -> m.matches(ref))
        .max(java.util.Comparator.comparingInt(m -> m.source().length()));
  }

  /** The {@code :tag}, {@code @digest} or both, exactly as written. */
  static String tagAndDigest(String image) {
    int at = image.indexOf('@');
    int end = at < 0 ? image.length() : at;
    int slash = image.lastIndexOf('/', end);
    int colon = image.indexOf(':', slash + 1);
    int start = colon >= 0 && colon < end ? colon : end;
    return image.substring(start);
  }
}
