package dev.katafraktos.extract;

import dev.katafraktos.model.ContainerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an object carries a pod template: a {@code Pod} at {@code /spec}, a {@code PodTemplate} at
 * {@code /template/spec}, any kind with {@code spec.template.spec.containers} (the workload
 * controllers, Argo Rollouts, and whatever else follows their shape) and CronJob's {@code
 * spec.jobTemplate.spec.template.spec}.
 */
final class PodTemplates {

  private PodTemplates() {}

  /** The containers of the object's pod template, in the order of {@link ContainerType}. */
  static List<DocumentInfo.Container> containers(Node.Mapping object, String objectPath) {
    String kind = object.text("kind");
    Node.Mapping spec;
    String specPath;
    if ("Pod".equals(kind)) {
      spec = object.mapping("spec");
      specPath = objectPath + "/spec";
    } else if ("PodTemplate".equals(kind)) {
      spec = at(object, "template", "spec");
      specPath = objectPath + "/template/spec";
    } else if (hasContainers(at(object, "spec", "template", "spec"))) {
      spec = at(object, "spec", "template", "spec");
      specPath = objectPath + "/spec/template/spec";
    } else if (hasContainers(at(object, "spec", "jobTemplate", "spec", "template", "spec"))) {
      spec = at(object, "spec", "jobTemplate", "spec", "template", "spec");
      specPath = objectPath + "/spec/jobTemplate/spec/template/spec";
    } else {
      return List.of();
    }
    if (spec == null) {
      return List.of();
    }
    List<DocumentInfo.Container> containers = new ArrayList<>();
    for (ContainerType type : ContainerType.values()) {
      List<Node> list = spec.sequence(type.field());
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof Node.Mapping container) {
          String path = Pointers.child(Pointers.child(specPath, type.field()), i);
          containers.add(new DocumentInfo.Container(container, path, container.text("name"), type));
        }
      }
    }
    return List.copyOf(containers);
  }

  private static boolean hasContainers(Node.Mapping podSpec) {
    return podSpec != null && podSpec.get("containers") instanceof Node.Sequence;
  }

  private static Node.Mapping at(Node.Mapping root, String... keys) {
    Node.Mapping node = root;
    for (String key : keys) {
      node = node == null ? null : node.mapping(key);
    }
    return node;
  }
}
