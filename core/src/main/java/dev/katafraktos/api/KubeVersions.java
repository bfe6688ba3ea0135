package dev.katafraktos.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Releases rendered once per Kubernetes version of an upgrade: charts choose images (and API
 * versions) from {@code .Capabilities.KubeVersion}, so what runs after the upgrade is not what
 * renders today.
 */
public final class KubeVersions {
  /** How the label of a release rendered for one of several versions ends. */
  static final String SUFFIX = " @ kube ";

  private KubeVersions() {}

  /**
   * Each release once per version, in the order given, labelled {@code NAME @ kube VERSION}. With
   * one version, the releases rendered for it; with none, the releases as they are.
   */
  public static List<Release> expand(List<Release> releases, List<String> versions) {
    List<Release> out = new ArrayList<>();
    for (Release release : releases) {
      if (versions.isEmpty()) {
        out.add(release);
        continue;
      }
      for (String version : versions) {
        RenderOptions render = release.render().withKubeVersion(version);
        String label =
            versions.size() == 1 ? release.label() : release.displayName() + SUFFIX + version;
        out.add(new Release(release.chart(), render, label, release.declared()));
      }
    }
    return out;
  }

  /**
   * The release a label of {@link #expand} stands for: {@code web} for {@code web @ kube 1.25.0},
   * the label itself when it names no version.
   */
  public static String releaseOf(String label) {
    int at = label.lastIndexOf(SUFFIX);
    return at < 0 ? label : label.substring(0, at);
  }

  /**
   * One release's images on each version, and the images that some versions deploy and others do
   * not.
   *
   * @param release the release as reports name it, without the version
   * @param imagesByVersion the distinct images per version, in the order the versions were given
   * @param differing the images not deployed on every version, sorted
   */
  public record Differences(
      String release, Map<String, List<String>> imagesByVersion, List<String> differing) {

    /** The versions that deploy {@code image}, in the order the versions were given. */
    public List<String> versionsOf(String image) {
      List<String> on = new ArrayList<>();
      imagesByVersion.forEach(
          (version, images) -> {
            if (images.contains(image)) {
              on.add(version);
            }
          });
      return on;
    }
  }

  /** For every release rendered on several versions (see {@link #expand}), what differs. */
  public static List<Differences> differences(Inventory inventory) {
    Map<String, Map<String, List<String>>> byRelease = new LinkedHashMap<>();
    for (ChartInventory chart : inventory.charts()) {
      String release = releaseOf(chart.chart());
      if (release.equals(chart.chart())) {
        continue; // rendered for one version only
      }
      String version = chart.chart().substring(release.length() + SUFFIX.length());
      List<String> images = chart.images().stream().map(InventoryImage::image).toList();
      byRelease.computeIfAbsent(release, k -> new LinkedHashMap<>()).put(version, images);
    }
    List<Differences> result = new ArrayList<>();
    byRelease.forEach(
        (release, versions) -> {
          Set<String> all = new LinkedHashSet<>();
          versions.values().forEach(all::addAll);
          Set<String> differing = new TreeSet<>();
          for (String image : all) {
            if (!versions.values().stream().allMatch(images -> images.contains(image))) {
              differing.add(image);
            }
          }
          result.add(new Differences(release, versions, List.copyOf(differing)));
        });
    return result;
  }

  /** The differences as text for a terminal: nothing when no release differs. */
  public static String describe(List<Differences> differences) {
    StringBuilder out = new StringBuilder();
    for (Differences d : differences) {
      if (d.differing().isEmpty()) {
        continue;
      }
      if (out.length() == 0) {
        out.append("Images that differ between Kubernetes versions:\n");
      }
      out.append("  ").append(d.release()).append(":\n");
      for (String image : d.differing()) {
        out.append("    ")
            .append(image)
            .append("  only on ")
            .append(String.join(", ", d.versionsOf(image)))
            .append('\n');
      }
    }
    return out.toString();
  }
}
