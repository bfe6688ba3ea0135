package dev.katafraktos.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The line protocol between {@link EmbeddedHelmRenderer} and its {@link EmbeddedHelmWorker}. */
final class WorkerProtocol {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private WorkerProtocol() {}

  /** One chart to render; every field as helm-java's template command takes it. */
  record Request(
      long id,
      String chart,
      String release,
      String namespace,
      String kubeVersion,
      List<String> valuesFiles,
      List<SetPair> set) {}

  /** One {@code --set} key and value. */
  record SetPair(String key, String value) {}

  /** The rendered output, or helm's error message. */
  record Response(long id, String output, String error) {}
}
