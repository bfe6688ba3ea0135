package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The registry's own words from an error body: {@code {"errors":[{"code","message"}]}}
 * (distribution spec, "Error Codes"), else the body's first line.
 */
final class RegistryErrors {
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
      JsonNode errors = RegistryJson.read(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        String code = redact.apply(e.path("code").asText(""));
        String message = redact.apply(e.path("message").asText(""));
        parts.add(code.isEmpty() ? message : code + (message.isEmpty() ? "" : ": " + message));
      }
      if (!parts.isEmpty()) {
        return shorten(String.join("; ", parts).replaceAll("\\s+", " "));
      }
    } catch (RegistryJson.UnreadableException notJson) {
      // fall through to the raw text
    }
    // the body is already cut at BodyLimit.DETAIL_BYTES; only its first line is shown
    String text =
        redact.apply(
            new String(body, StandardCharsets.UTF_8).strip().lines().findFirst().orElse(""));
    return shorten(text);
  }

  // a registry's words end up in one line of a report: a hostile one must not fill it
  private static String shorten(String text) {
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
