package dev.katafraktos.model;

/** The list of a pod spec that a container belongs to. */
public enum ContainerType {
  CONTAINER("container", "containers"),
  INIT_CONTAINER("initContainer", "initContainers"),
  EPHEMERAL_CONTAINER("ephemeralContainer", "ephemeralContainers");

  private final String id;
  private final String field;

  ContainerType(String id, String field) {
    this.id = id;
    this.field = field;
  }

  /** The name used in reports and JSON output, e.g. {@code initContainer}. */
  public String id() {
    return id;
  }

  /** The pod spec field holding this type of container, e.g. {@code initContainers}. */
  public String field() {
    return field;
  }
}
