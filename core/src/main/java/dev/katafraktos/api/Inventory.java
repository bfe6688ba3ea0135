package dev.katafraktos.api;

import java.util.List;

/**
 * The images of every chart of a {@link ListRequest}, in request order.
 *
 * @param charts the releases that rendered
 * @param failures the releases of a release set that could not be rendered (see {@link
 *     Release#declared()}); always empty for charts named directly, which fail the whole request
 */
public record Inventory(List<ChartInventory> charts, List<RenderFailure> failures) {
  public Inventory {
    charts = List.copyOf(charts);
    failures = List.copyOf(failures);
  }

  /** An inventory in which every release rendered. */
  public Inventory(List<ChartInventory> charts) {
    this(charts, List.of());
  }
}
