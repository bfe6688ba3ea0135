package dev.katafraktos.api;

import java.util.List;

/** The images of every chart of a {@link ListRequest}, in request order. */
public record Inventory(List<ChartInventory> charts) {
  public Inventory {
    charts = List.copyOf(charts);
  }
}
