package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images a chart declares in its {@code Chart.yaml} annotations: Artifact Hub's {@code
 * artifacthub.io/images} (a YAML list of {@code {name, image, platforms}}, see
 * https://artifacthub.io/docs/topics/annotations/helm/), and the same list under {@code images} or
 * {@code helm.sh/images}. They name the images a chart may run, rendered or not.
 */
final class ChartAnnotationImages {

  static final String SOURCE = "Chart.yaml";

  private static final List<String> KEYS =
      List.of("artifacthub.io/images", "helm.sh/images", "images");

  private ChartAnnotationImages() {}

  static List<ImageOccurrence> find(Map<String, String> annotations) {
    List<ImageOccurrence> found = new ArrayList<>();
    for (String key : KEYS) {
      String value = annotations.get(key);
      if (value != null) {
        scan(value, Pointers.child("/annotations", key), found);
      }
    }
    return found;
  }

  private static void scan(String value, String path, List<ImageOccurrence> found) {
    List<Node> documents;
    try {
      documents = YamlReader.readAll(value);
    } catch (YamlSyntaxException e) {
      // a broken annotation is the chart author's slip; the rendered images are still complete
      return;
    }
    if (documents.size() != 1 || !(documents.get(0) instanceof Node.Sequence list)) {
      return;
    }
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      String itemPath = Pointers.child(path, i);
      if (item instanceof Node.Scalar s && s.isString()) {
        add(s.text(), itemPath, found);
      } else if (item instanceof Node.Mapping m && m.text("image") != null) {
        add(m.text("image"), itemPath + "/image", found);
      }
    }
  }

  private static void add(String image, String path, List<ImageOccurrence> found) {
    if (ImageRules.isReference(image)) {
      found.add(
          new ImageOccurrence(
              image, image, null, null, null, null, null, SOURCE, path, Origin.ANNOTATION));
    }
  }
}
