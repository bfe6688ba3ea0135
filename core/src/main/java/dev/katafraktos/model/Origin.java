package dev.katafraktos.model;

/** Where in a rendered manifest an image reference was found. */
public enum Origin {
  /** The {@code image} of a container, initContainer or ephemeralContainer of a pod template. */
  POD("pod"),
  /** An image field of a custom resource (or of any non-pod document), e.g. {@code spec.image}. */
  CUSTOM_RESOURCE("custom-resource"),
  /** A container {@code command} or {@code args} element, e.g. {@code --executor-image=ref}. */
  ARG("arg"),
  /** A container {@code env[].value}. */
  ENV("env"),
  /** ConfigMap or Secret data, also inside embedded YAML or TOML. */
  CONFIG("config"),
  /** An image list declared in the chart's {@code Chart.yaml} annotations. */
  ANNOTATION("annotation");

  private final String id;

  Origin(String id) {
    this.id = id;
  }

  /** The lower-case name used in reports and JSON output. */
  public String id() {
    return id;
  }
}
