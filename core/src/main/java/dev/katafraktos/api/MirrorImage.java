package dev.katafraktos.api;

import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import java.util.List;

/**
 * One image of the run: where it comes from, where it goes, the releases that use it, the plan and
 * (unless a dry run or a refused run) the outcome.
 *
 * @param image the image as the charts wrote it (first seen)
 * @param charts the releases that deploy it
 * @param plan what the copy was to do
 * @param outcome what it did, or null when nothing was tried
 * @param proxyCache the Harbor proxy-cache project the target is in, or null
 */
public record MirrorImage(
    String image, List<String> charts, CopyPlan plan, CopyOutcome outcome, String proxyCache) {

  public MirrorImage {
    charts = List.copyOf(charts);
  }

  /** Nothing is left to do for it. */
  public boolean done() {
    return outcome != null ? outcome.done() : plan.state() == CopyPlan.State.PRESENT;
  }
}
