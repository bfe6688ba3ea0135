package dev.katafraktos.report;

import dev.katafraktos.api.ChartInventory;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.InventoryImage;
import dev.katafraktos.model.ImageOccurrence;
import java.util.LinkedHashSet;
import java.util.Set;

/** The table form of an {@link Inventory}: per chart, one row per image, with its uses. */
public final class InventoryTable {
  private InventoryTable() {}

  public static String write(Inventory inventory) {
    StringBuilder out = new StringBuilder();
    int total = 0;
    Set<String> distinct = new LinkedHashSet<>();
    for (ChartInventory chart : inventory.charts()) {
      out.append(chart.chart())
          .append("  (release ")
          .append(chart.release())
          .append(", namespace ")
          .append(chart.namespace())
          .append(")\n");
      int width = "IMAGE".length();
      for (InventoryImage image : chart.images()) {
        width = Math.max(width, image.image().length());
      }
      out.append(String.format("  %-" + width + "s  %4s  %s%n", "IMAGE", "USES", "WHERE"));
      for (InventoryImage image : chart.images()) {
        out.append(
            String.format(
                "  %-" + width + "s  %4d  %s%n",
                image.image(),
                image.occurrences().size(),
                where(image)));
        total += image.occurrences().size();
        distinct.add(image.reference() == null ? image.image() : image.reference().toString());
      }
      for (ImageOccurrence o : chart.unresolved()) {
        out.append("  (no image: ")
            .append(o.unresolvedReason())
            .append(") ")
            .append(o.value())
            .append(" in ")
            .append(o.kind())
            .append('/')
            .append(o.name())
            .append(' ')
            .append(o.path())
            .append('\n');
      }
      out.append('\n');
    }
    out.append(
        String.format(
            "%d image reference%s, %d distinct image%s, in %d chart%s%n",
            total,
            total == 1 ? "" : "s",
            distinct.size(),
            distinct.size() == 1 ? "" : "s",
            inventory.charts().size(),
            inventory.charts().size() == 1 ? "" : "s"));
    return out.toString();
  }

  private static String where(InventoryImage image) {
    Set<String> places = new LinkedHashSet<>();
    for (ImageOccurrence o : image.occurrences()) {
      String place = o.kind() == null ? o.source() : o.kind() + "/" + o.name();
      String detail =
          o.container() != null ? o.containerType().id() + " " + o.container() : o.origin().id();
      places.add(place + " (" + detail + ")");
    }
    String joined = String.join(", ", places);
    return joined.length() > 120 ? joined.substring(0, 117) + "..." : joined;
  }
}
