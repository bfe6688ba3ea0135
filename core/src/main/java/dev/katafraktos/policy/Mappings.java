package dev.katafraktos.policy;

import dev.katafraktos.model.ImageRef;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Several {@link Mapping}s; for an image the one with the longest matching source wins. */
public record Mappings(List<Mapping> mappings) {
  public Mappings {
    mappings = List.copyOf(mappings);
  }

  /** The mapping that applies to {@code image}: the longest matching source. */
  public Optional<Mapping> mappingFor(ImageRef image) {
    return mappings.stream()
        .filter(m -> m.matches(image))
        .max(Comparator.comparingInt(m -> m.source().length()));
  }

  /** {@code image} rewritten by the mapping that applies to it, or empty when none applies. */
  public Optional<ImageRef> target(ImageRef image) {
    return mappingFor(image).flatMap(m -> m.target(image));
  }
}
