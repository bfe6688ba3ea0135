package dev.katafraktos.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.api.ChartInventory;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.InventoryImage;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;

/**
 * The JSON form of an {@link Inventory}, as documented in the README ({@code list --output json}).
 */
public final class InventoryJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InventoryJson() {}

  public static String write(Inventory inventory) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode charts = root.putArray("charts");
    for (ChartInventory chart : inventory.charts()) {
      ObjectNode c = charts.addObject();
      c.put("chart", chart.chart());
      c.put("release", chart.release());
      c.put("namespace", chart.namespace());
      if (chart.kubeVersion() != null) {
        c.put("kubeVersion", chart.kubeVersion());
      }
      ArrayNode images = c.putArray("images");
      for (InventoryImage image : chart.images()) {
        ObjectNode i = images.addObject();
        i.put("image", image.image());
        ImageRef ref = image.reference();
        i.put("reference", ref == null ? null : ref.toString());
        i.put("registry", ref == null ? null : ref.domain());
        i.put("repository", ref == null ? null : ref.path());
        i.put("tag", ref == null ? null : ref.tag());
        i.put("digest", ref == null ? null : ref.digest());
        ArrayNode occurrences = i.putArray("occurrences");
        image.occurrences().forEach(o -> occurrence(occurrences.addObject(), o));
      }
      ArrayNode unresolved = c.putArray("unresolved");
      chart
          .unresolved()
          .forEach(
              o ->
                  occurrence(unresolved.addObject(), o)
                      .put("value", o.value())
                      .put("reason", o.unresolvedReason()));
    }
    AuditJson.kubeVersions(root, KubeVersions.differences(inventory));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode occurrence(ObjectNode o, ImageOccurrence occurrence) {
    o.put("kind", occurrence.kind());
    o.put("name", occurrence.name());
    o.put("namespace", occurrence.namespace());
    o.put("container", occurrence.container());
    o.put(
        "containerType",
        occurrence.containerType() == null ? null : occurrence.containerType().id());
    o.put("source", occurrence.source());
    o.put("path", occurrence.path());
    o.put("origin", occurrence.origin().id());
    return o;
  }
}
