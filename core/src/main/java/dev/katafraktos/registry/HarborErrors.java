package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.registry.HarborException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** One-line {@link HarborException} messages that say what to check next. */
final class HarborErrors {
  private static final int MAX_DETAIL = 200;

  private HarborErrors() {}

  static HarborException status(
      String base, String path, int status, String body, HarborCredentials credentials) {
    String prefix = "Harbor at " + base + " answered " + status + " to GET " + withoutQuery(path);
    return switch (status) {
      case 401 ->
          new HarborException(
              Kind.UNAUTHORIZED,
              prefix
                  + (credentials == null
                      ? "; the project is not public, give credentials"
                      : "; check the credentials"));
      case 403 ->
          new HarborException(
              Kind.UNAUTHORIZED,
              prefix + "; check that the account may read the project (a robot needs pull access)");
      default -> new HarborException(Kind.ERROR, prefix + detail(body, credentials));
    };
  }

  static HarborException unreachable(String base, String why, IOException cause) {
    return new HarborException(
        Kind.UNREACHABLE,
        "Cannot reach Harbor at " + base + " (" + why + "); check the URL, the network or a proxy",
        cause);
  }

  /** What went wrong, without a stack trace and on one line. */
  static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof SSLException) {
      return "TLS failed: " + oneLine(e.getMessage()) + "; is the CA trusted?";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
  }

  static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /**
   * The first message of the spec's {@code Errors} body, when Harbor sent one, without the
   * credentials: Harbor, or a proxy in front of it, may quote the Authorization header it got.
   * Taken out before the text is cut short, or a cut secret would escape whole-word matching.
   */
  private static String detail(String body, HarborCredentials credentials) {
    try {
      JsonNode message =
          RegistryJson.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .path("errors")
              .path(0)
              .path("message");
      if (!message.isTextual()) {
        return "";
      }
      String text = message.asText();
      if (credentials != null) {
        text = Redaction.redact(text, credentials.username(), credentials.password());
      }
      return ": " + oneLine(text);
    } catch (RegistryJson.UnreadableException | RuntimeException e) {
      return "";
    }
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
