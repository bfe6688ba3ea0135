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
 *
 * <p>Programs take many settings that have the grammar of an image ({@code
 * --log_output_level=default:info}); see {@link ImageRules} for the evidence an argument needs.
 */
final class ContainerImages {

  private ContainerImages() {}

  /**
   * Reports the container's images to {@code out}; references that only a pod image of the same
   * render can confirm (a plain {@code name:tag} with no name saying image) go to {@code
   * unconfirmed}.
   */
  static void scan(
      DocumentInfo.Container container,
      DocumentInfo info,
      Consumer<ImageOccurrence> out,
      Consumer<ImageOccurrence> unconfirmed) {
    Node.Mapping node = container.node();
    String imagePath = container.path() + "/image";
    // the user's pod image exactly as rendered, valid or not: a policy reports invalid ones
    if (node.get("image") instanceof Node.Scalar image && image.type() != Node.Scalar.Type.NULL) {
      out.accept(info.inContainer(image.text(), image.text(), container, imagePath, Origin.POD));
    }
    for (String field : List.of("command", "args")) {
      List<Node> items = node.sequence(field);
      String flag = null; // the element before, when it is a --flag without =value
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Node.Scalar arg && arg.isString()) {
          String path = Pointers.child(container.path() + "/" + field, i);
          String text = arg.text();
          int equals = text.indexOf('=');
          if (text.startsWith("-") && equals > 0) {
            String value = text.substring(equals + 1);
            report(
                text.substring(0, equals),
                value,
                text,
                container,
                info,
                path,
                Origin.ARG,
                out,
                unconfirmed);
          } else {
            report(flag, text, text, container, info, path, Origin.ARG, out, unconfirmed);
          }
          flag = text.startsWith("-") && equals < 0 ? text : null;
        } else {
          flag = null;
        }
      }
    }
    List<Node> env = node.sequence("env");
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i) instanceof Node.Mapping variable) {
        String value = variable.text("value");
        String name = variable.text("name");
        String path = Pointers.child(container.path() + "/env", i) + "/value";
        if (value != null && value.indexOf('\n') >= 0) {
          // a list, one entry a line, often version=image (Strimzi's STRIMZI_KAFKA_IMAGES)
          List<String> lines = value.lines().toList();
          for (int line = 0; line < lines.size(); line++) {
            String entry = lines.get(line).strip();
            String candidate = entry.substring(entry.indexOf('=') + 1).strip();
            if (!candidate.isEmpty()) {
              String at = path + "#L" + (line + 1);
              report(name, candidate, candidate, container, info, at, Origin.ENV, out, unconfirmed);
            }
          }
        } else if (value != null) {
          report(name, value, value, container, info, path, Origin.ENV, out, unconfirmed);
        }
      }
    }
  }

  /**
   * Reports {@code candidate}, the value of a flag or variable called {@code name} (or {@code
   * null}), as an image when there is evidence for it: the name says image, or the reference has a
   * namespace, registry or digest; a plain {@code name:tag} waits for a pod image to confirm it.
   */
  private static void report(
      String name,
      String candidate,
      String value,
      DocumentInfo.Container container,
      DocumentInfo info,
      String path,
      Origin origin,
      Consumer<ImageOccurrence> out,
      Consumer<ImageOccurrence> unconfirmed) {
    if (name != null && ImageRules.isImageName(name)) {
      if (ImageRules.isNamedReference(name, candidate)) {
        out.accept(info.inContainer(candidate, value, container, path, origin));
      }
    } else if (ImageRules.isStrictReference(candidate)) {
      ImageOccurrence occurrence = info.inContainer(candidate, value, container, path, origin);
      (ImageRules.hasOwnEvidence(candidate) ? out : unconfirmed).accept(occurrence);
    }
  }
}
