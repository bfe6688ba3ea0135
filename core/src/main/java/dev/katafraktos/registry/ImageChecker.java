package dev.katafraktos.registry;

import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asks registries whether images exist. Each distinct reference is checked once per checker; a
 * checker is one run.
 */
public interface ImageChecker extends AutoCloseable {

  /**
   * Checks every reference, each distinct one once, at most {@link RegistrySettings#concurrency()}
   * at a time.
   *
   * @return one result per given reference, keyed by the references as given
   */
  Map<ImageRef, ImageCheck> checkAll(Collection<ImageRef> references);

  /** Like {@link #checkAll(Collection)}, telling {@code each} about every result as it arrives. */
  default Map<ImageRef, ImageCheck> checkAll(
      Collection<ImageRef> references, Consumer<ImageCheck> each) {
    Map<ImageRef, ImageCheck> checks = checkAll(references);
    checks.values().forEach(each);
    return checks;
  }

  /** Checks one reference (or returns this run's earlier result for it). */
  ImageCheck check(ImageRef reference);

  @Override
  void close();
}
