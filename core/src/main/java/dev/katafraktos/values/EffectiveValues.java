package dev.katafraktos.values;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.util.Map;

/** A chart's values as helm merged them for a render ({@code dumpValues}), as a plain tree. */
public final class EffectiveValues {
  private static final ObjectMapper JSON = BoundedYaml.jsonMapper();

  private EffectiveValues() {}

  /** The values {@code render} carries; it must have been rendered with {@code dumpValues}. */
  public static Map<String, Object> of(RenderedManifest render) {
    if (render.valuesJson() == null) {
      throw new IllegalArgumentException("the baseline render must carry the chart's values");
    }
    try {
      Map<String, Object> values =
          JSON.readValue(render.valuesJson(), new TypeReference<Map<String, Object>>() {});
      return values == null ? Map.of() : values;
    } catch (IOException e) {
      throw new IllegalStateException("helm printed values that are not JSON", e);
    }
  }
}
