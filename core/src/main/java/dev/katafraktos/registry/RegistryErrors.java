package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The registry's own words from an error body: {@code {"errors":[{"code","message"}]}}
 * (distribution spec, "Error Codes"), else the body's first line.
 */
final class RegistryErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 200;

  private RegistryErrors() {}

  static String message(byte[] body) {
    return message(body, UnaryOperator.identity());
  }

  /**
   * As {@link #message(byte[])}, with {@code redact} applied to the registry's text before it is
   * cut to length: a secret cut in half would no longer be found whole.
   */
  static String message(byte[] body, UnaryOperator<String> redact) {
    if (body == null || body.length == 0) {
      return "no details";
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        String code = redact.apply(e.path("code").asText(""));
        String message = redact.apply(e.path("message").asText(""));
        parts.add(code.isEmpty() ? message : code + (message.isEmpty() ? "" : ": " + message));
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    String text =
        redact.apply(
            new String(body, StandardCharsets.UTF_8).strip().lines().findFirst().orElse(""));
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
