package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.api.ChartInventory;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.InventoryImage;
import dev.katafraktos.model.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code list -o json} for releases rendered once per Kubernetes version of an upgrade. */
class InventoryJsonVersionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChartInventory chart(String label, String version, String... images) {
    List<InventoryImage> found =
        java.util.Arrays.stream(images)
            .map(
                i -> new InventoryImage(i, ImageRef.tryParseNormalized(i).orElseThrow(), List.of()))
            .toList();
    return new ChartInventory(
        label, "app", "rel", "ns", found, List.of(), null, version, List.of());
  }

  @Test
  void write_severalVersions_kubeVersionPerRender_andImagesByVersionPerRelease() throws Exception {
    Inventory inventory =
        new Inventory(
            List.of(
                chart("app @ kube 1.19.0", "1.19.0", "nginx:1.27", "sched:v1.19"),
                chart("app @ kube 1.25.0", "1.25.0", "nginx:1.27", "sched:v1.25")));

    JsonNode root = JSON.readTree(InventoryJson.write(inventory));

    assertThat(root.get("charts"))
        .extracting(c -> c.get("kubeVersion").asText())
        .containsExactly("1.19.0", "1.25.0");
    JsonNode release = root.get("kubeVersions").get(0);
    assertThat(release.get("release").asText()).isEqualTo("app");
    assertThat(release.get("imagesByVersion").get("1.19.0"))
        .extracting(JsonNode::asText)
        .containsExactly("nginx:1.27", "sched:v1.19");
    assertThat(release.get("differing"))
        .extracting(JsonNode::asText)
        .containsExactly("sched:v1.19", "sched:v1.25");
  }

  @Test
  void write_noVersionAsked_hasNeitherField() throws Exception {
    JsonNode root =
        JSON.readTree(InventoryJson.write(new Inventory(List.of(chart("app", null, "nginx:1")))));

    assertThat(root.get("charts").get(0).has("kubeVersion")).isFalse();
    assertThat(root.has("kubeVersions")).isFalse();
  }
}
