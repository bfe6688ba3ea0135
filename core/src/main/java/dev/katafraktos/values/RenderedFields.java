package dev.katafraktos.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.extract.SecretData;
import dev.katafraktos.limits.BoundedYaml;
import dev.katafraktos.render.RenderedDocument;
import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** The scalars of rendered documents, read the same way by the trace and by the verification. */
final class RenderedFields {
  private static final ObjectMapper YAML = BoundedYaml.yamlMapper();
  private static final Pattern CONTAINER_VALUE =
      Pattern.compile(
          ".*/(?:containers|initContainers|ephemeralContainers)/[0-9]+/"
              + "(?:(?:args|command)/[0-9]+|env/[0-9]+/value)");

  private RenderedFields() {}

  static JsonNode read(RenderedDocument document) throws IOException {
    JsonNode node = YAML.readTree(document.content());
    return node == null ? YAML.nullNode() : node;
  }

  static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** Every textual scalar of a document (keys are not values), with its pointer. */
  static void texts(JsonNode node, String pointer, BiConsumer<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        texts(e.getValue(), child(pointer, e.getKey()), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        texts(node.get(i), pointer + "/" + i, out);
      }
    } else if (node.isTextual()) {
      out.accept(pointer, node.asText());
    }
  }

  /** A container's argument, command word or environment value: what a program is told. */
  static boolean isContainerValue(String pointer) {
    return CONTAINER_VALUE.matcher(pointer).matches();
  }

  /**
   * The text a Secret's {@code data} entry encodes, or null: charts put the values they carry there
   * base64-encoded ({@code toYaml .Values | b64enc}), so a value is only visible decoded.
   */
  static String decodedSecretData(JsonNode document, String pointer, String text) {
    if (!"Secret".equals(document.path("kind").asText())
        || !pointer.startsWith("/data/")
        || pointer.indexOf('/', "/data/".length()) >= 0) {
      return null;
    }
    return SecretData.decode(text); // null for binary data (a keystore): it carries no values
  }
}
