package dev.katafraktos.api;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.KubeObject;
import java.util.List;

/**
 * The images one chart would deploy.
 *
 * @param chart the chart as the user named it
 * @param chartName the chart's name from {@code Chart.yaml}
 * @param release the release name it was rendered with
 * @param namespace the namespace it was rendered with
 * @param images the distinct images, sorted by image
 * @param unresolved image fields that name no repository (e.g. a custom resource with only a tag,
 *     whose operator picks the repository), so no image can be named for them
 * @param declared the release as its repository declares it, or {@code null} for a chart named
 *     directly (see {@link Release#declared()})
 * @param kubeVersion the Kubernetes version it was rendered for ({@code --kube-version}, {@code
 *     kubeVersions:} or the release's own), or {@code null} for the renderer's default
 * @param objects every object it renders, in render order (the removed-api rules judge their API
 *     versions)
 */
public record ChartInventory(
    String chart,
    String chartName,
    String release,
    String namespace,
    List<InventoryImage> images,
    List<ImageOccurrence> unresolved,
    dev.katafraktos.model.Release declared,
    String kubeVersion,
    List<KubeObject> objects) {
  public ChartInventory {
    images = List.copyOf(images);
    unresolved = List.copyOf(unresolved);
    objects = List.copyOf(objects);
  }

  /** The images of a release rendered for the renderer's default version, objects not kept. */
  public ChartInventory(
      String chart,
      String chartName,
      String release,
      String namespace,
      List<InventoryImage> images,
      List<ImageOccurrence> unresolved,
      dev.katafraktos.model.Release declared) {
    this(chart, chartName, release, namespace, images, unresolved, declared, null, List.of());
  }

  /** The images of a chart named directly. */
  public ChartInventory(
      String chart,
      String chartName,
      String release,
      String namespace,
      List<InventoryImage> images,
      List<ImageOccurrence> unresolved) {
    this(
        chart,
        chartName,
        release,
        namespace,
        images,
        unresolved,
        (dev.katafraktos.model.Release) null);
  }
}
