package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's own words from an error body: {@code {"errors":[{"code","message"}]}}
 * (distribution spec, "Error Codes"), else the body's first line.
 */
final class RegistryErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 200;

  private RegistryErrors() {}

  static String message(byte[] body) {
    if (body == null || body.length == 0) {
      return "no details";
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        String code = e.path("code").asText("");
        String message = e.path("message").asText("");
        parts.add(code.isEmpty() ? message : code + (message.isEmpty() ? "" : ": " + message));
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
