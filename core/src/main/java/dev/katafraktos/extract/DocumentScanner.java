package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Every image occurrence in one parsed Kubernetes object (or in each item of a {@code List}). */
final class DocumentScanner {

  private DocumentScanner() {}

  /**
   * Reports the object's images to {@code out}, and those that only a pod image of the same render
   * can confirm to {@code unconfirmed} (see {@link ContainerImages#scan}).
   */
  static void scan(
      Node.Mapping object,
      String objectPath,
      String source,
      Consumer<ImageOccurrence> out,
      Consumer<ImageOccurrence> unconfirmed) {
    String kind = object.text("kind");
    if ("CustomResourceDefinition".equals(kind)) {
      // a CRD's schema has many "image" properties, none of them an image
      return;
    }
    if (kind != null
        && kind.endsWith("List")
        && object.get("items") instanceof Node.Sequence items) {
      for (int i = 0; i < items.items().size(); i++) {
        if (items.items().get(i) instanceof Node.Mapping item) {
          scan(item, Pointers.child(objectPath + "/items", i), source, out, unconfirmed);
        }
      }
      return;
    }
    DocumentInfo info = DocumentInfo.of(object, source);
    Set<String> handled = new HashSet<>();
    for (DocumentInfo.Container container : PodTemplates.containers(object, objectPath)) {
      ContainerImages.scan(container, info, out, unconfirmed);
      handled.add(container.path());
    }
    if (ConfigDataScanner.carriesData(kind)) {
      ConfigDataScanner.FIELDS.forEach(field -> handled.add(objectPath + "/" + field));
    }
    ImageFields.scan(
        object,
        objectPath,
        handled,
        found -> out.accept(info.field(found, "", Origin.CUSTOM_RESOURCE)));
    if (ConfigDataScanner.carriesData(kind)) {
      ConfigDataScanner.scan(object, objectPath, info, out);
    }
  }

  /**
   * The objects of one rendered document's YAML stream. Roots that are no mapping (an empty
   * document, a stray scalar or list) hold no Kubernetes object and are passed over.
   */
  static void scanAll(
      List<Node> roots,
      String source,
      Consumer<ImageOccurrence> out,
      Consumer<ImageOccurrence> unconfirmed) {
    for (Node root : roots) {
      if (root instanceof Node.Mapping object) {
        scan(object, "", source, out, unconfirmed);
      }
    }
  }
}
