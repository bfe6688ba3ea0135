package dev.katafraktos.api;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.registry.ImageChecker;
import dev.katafraktos.registry.Registries;
import dev.katafraktos.registry.RegistryConfigurationException;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.TracedImage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --pin-digests}: each target gets the digest its tag resolves to, so that what was checked
 * is what runs. The target (the user's registry) is asked first; an image not there yet is pinned
 * to the digest its source reports — a pull-through cache serves the same manifest — with a
 * warning.
 */
final class DigestPins {
  private DigestPins() {}

  static Map<ImageSite, String> pin(
      List<TracedImage> images,
      Map<ImageSite, String> targets,
      RewriteRequest request,
      List<String> warnings)
      throws KatafraktosException {
    Map<ImageSite, ImageRef> wanted = new LinkedHashMap<>();
    Map<ImageSite, ImageRef> sources = new LinkedHashMap<>();
    Set<ImageRef> references = new LinkedHashSet<>();
    for (TracedImage image : images) {
      String target = targets.get(image.site());
      if (target == null || target.contains("@")) {
        continue;
      }
      Optional<ImageRef> ref = ImageRef.tryParseNormalized(target);
      Optional<ImageRef> source = ImageRef.tryParseNormalized(image.image());
      if (ref.isPresent() && source.isPresent()) {
        wanted.put(image.site(), ref.get().withDefaultTag());
        sources.put(image.site(), source.get().withDefaultTag());
        references.add(ref.get().withDefaultTag());
        references.add(source.get().withDefaultTag());
      }
    }
    if (references.isEmpty()) {
      return targets;
    }
    Map<ImageRef, ImageCheck> checks;
    try (ImageChecker checker =
        Registries.checker(Auditor.settings(request.config(), request.credentials()))) {
      checks = checker.checkAll(references);
    } catch (RegistryConfigurationException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
    Map<ImageSite, String> pinned = new LinkedHashMap<>(targets);
    Set<String> said = new LinkedHashSet<>();
    for (Map.Entry<ImageSite, ImageRef> entry : wanted.entrySet()) {
      ImageCheck target = checks.get(entry.getValue());
      ImageCheck source = checks.get(sources.get(entry.getKey()));
      String text = targets.get(entry.getKey());
      if (present(target)) {
        pinned.put(entry.getKey(), text + "@" + target.digest());
      } else if (present(source)) {
        pinned.put(entry.getKey(), text + "@" + source.digest());
        if (said.add(text)) {
          warnings.add(
              "pinned "
                  + text
                  + " to the digest its source reports: the target answered "
                  + describe(target));
        }
      } else if (said.add(text)) {
        warnings.add(
            "cannot pin "
                + text
                + ": the target answered "
                + describe(target)
                + ", the source "
                + describe(source));
      }
    }
    return pinned;
  }

  private static boolean present(ImageCheck check) {
    return check != null && check.availability() == Availability.PRESENT && check.digest() != null;
  }

  private static String describe(ImageCheck check) {
    if (check == null) {
      return "nothing";
    }
    String name = check.availability().name().toLowerCase(java.util.Locale.ROOT);
    return check.message() == null ? name : name + " (" + check.message() + ")";
  }
}
