package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.List;
import java.util.function.Consumer;

/**
 * The images of one pod-template container: its {@code image}, and the references handed to the
 * program in {@code command}, {@code args} and {@code env} (operators learn the images of the
 * workloads they start this way: {@code --prometheus-config-reloader=quay.io/...}, {@code
 * ["--executor-image", "quay.io/argoproj/argoexec:v4.0.6"]}, {@code AGENT_INJECT_VAULT_IMAGE}).
 */
final class ContainerImages {

  private ContainerImages() {}

  static void scan(
      DocumentInfo.Container container, DocumentInfo info, Consumer<ImageOccurrence> out) {
    Node.Mapping node = container.node();
    String imagePath = container.path() + "/image";
    // the user's pod image exactly as rendered, valid or not: a policy reports invalid ones
    if (node.get("image") instanceof Node.Scalar image && image.type() != Node.Scalar.Type.NULL) {
      out.accept(info.inContainer(image.text(), image.text(), container, imagePath, Origin.POD));
    }
    for (String field : List.of("command", "args")) {
      List<Node> items = node.sequence(field);
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Node.Scalar arg && arg.isString()) {
          String image = argumentImage(arg.text());
          if (image != null) {
            String path = Pointers.child(container.path() + "/" + field, i);
            out.accept(info.inContainer(image, arg.text(), container, path, Origin.ARG));
          }
        }
      }
    }
    List<Node> env = node.sequence("env");
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i) instanceof Node.Mapping variable) {
        String value = variable.text("value");
        if (value != null && ImageRules.isStrictReference(value)) {
          String path = Pointers.child(container.path() + "/env", i) + "/value";
          out.accept(info.inContainer(value, value, container, path, Origin.ENV));
        }
      }
    }
  }

  /**
   * The reference an argument holds: the whole argument, or what follows the {@code =} of a {@code
   * --flag=}. An image given as the element after its flag is the whole element.
   */
  private static String argumentImage(String arg) {
    if (ImageRules.isStrictReference(arg)) {
      return arg;
    }
    int equals = arg.indexOf('=');
    if (arg.startsWith("-") && equals > 0) {
      String value = arg.substring(equals + 1);
      return ImageRules.isStrictReference(value) ? value : null;
    }
    return null;
  }
}
