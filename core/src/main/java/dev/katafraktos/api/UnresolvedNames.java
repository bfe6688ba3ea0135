package dev.katafraktos.api;

import dev.katafraktos.api.RewriteResult.AlsoChange;
import dev.katafraktos.api.RewriteResult.UnresolvedName;
import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.RenderedManifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Image fields that name no image by themselves. A bare {@code image: proxyv2} in configuration is
 * joined with a hub and a tag by a program at run time: moving it on its own would point it at the
 * wrong repository and drop the tag, so it is never moved; where the rewrite sets values that the
 * same field carries (the hub), that is said, otherwise the user learns where to look.
 */
final class UnresolvedNames {
  private UnresolvedNames() {}

  static List<UnresolvedName> of(RenderedManifest baseline, List<AlsoChange> alsoChanges)
      throws ManifestParseException {
    List<UnresolvedName> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ImageOccurrence o : new ImageExtractor().extract(baseline)) {
      if (o.image() != null || o.origin() == Origin.ANNOTATION) {
        continue;
      }
      if (!seen.add(o.source() + " " + o.kind() + " " + o.name() + " " + o.path())) {
        continue;
      }
      String field = o.path().contains("#") ? o.path().substring(0, o.path().indexOf('#')) : null;
      Set<String> carried = new LinkedHashSet<>();
      for (AlsoChange change : alsoChanges) {
        if (String.valueOf(o.source()).equals(change.source())
            && (change.path().equals(field) || change.path().equals(o.path()))) {
          carried.addAll(change.values());
        }
      }
      String reason = o.unresolvedReason() == null ? "names no image" : o.unresolvedReason();
      reason +=
          carried.isEmpty()
              ? "; not moved on its own"
              : "; not moved on its own, but this rewrite sets "
                  + String.join(", ", carried)
                  + ", which the same field carries";
      out.add(new UnresolvedName(o.value(), o.kind(), o.name(), o.source(), o.path(), reason));
    }
    return out;
  }
}
