package dev.katafraktos.api;

import java.util.List;

/**
 * What a mirror run found and did.
 *
 * @param inventory the rendered releases and their images
 * @param images each distinct (source, target) pair, in the order first seen
 * @param unmapped images no mapping covers (not mirrored)
 * @param budgets the pulls needed at registries that count them
 * @param refusal why nothing was copied (the pulls needed exceed the budget), or null
 * @param dryRun only planned
 */
public record MirrorResult(
    Inventory inventory,
    List<MirrorImage> images,
    List<String> unmapped,
    List<PullBudget> budgets,
    String refusal,
    boolean dryRun) {

  public MirrorResult {
    images = List.copyOf(images);
    unmapped = List.copyOf(unmapped);
    budgets = List.copyOf(budgets);
  }

  /**
   * Whether the run leaves a mapped image missing at its target: refused, failed, not started, or
   * (in a dry run) one that cannot be copied.
   */
  public boolean failed() {
    if (refusal != null) {
      return true;
    }
    return images.stream()
        .anyMatch(
            i ->
                i.outcome() != null
                    ? !i.outcome().done()
                    : i.plan().state() == dev.katafraktos.registry.CopyPlan.State.FAILED);
  }
}
