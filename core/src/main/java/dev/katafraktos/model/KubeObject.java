package dev.katafraktos.model;

/**
 * One rendered Kubernetes object, by what the API server is asked to serve it as.
 *
 * @param apiVersion {@code apiVersion}, e.g. {@code batch/v1beta1}, or {@code null} when missing
 * @param kind {@code kind}, or {@code null} when missing
 * @param name {@code metadata.name}, or {@code null}
 * @param namespace {@code metadata.namespace}, or {@code null}
 * @param source the {@code # Source:} template path, or {@code null}
 */
public record KubeObject(
    String apiVersion, String kind, String name, String namespace, String source) {

  /** {@code batch/v1beta1 CronJob backup}, as messages name the object. */
  public String describe() {
    return apiVersion + " " + kind + (name == null ? "" : " " + name);
  }
}
