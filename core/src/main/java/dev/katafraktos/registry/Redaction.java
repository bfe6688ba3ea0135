package dev.katafraktos.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Takes a credential out of text that a registry sent back. Registries and the proxies in front of
 * them quote requests in their error pages (debug pages, WAF blocks, misconfigured token services),
 * so a body may hold the {@code Authorization} header we sent; that text goes into reports and CI
 * logs that others read. Covers the forms a server would echo it in: raw, inside the base64 of
 * {@code user:password} (as sent), base64 of the password alone, URL-encoded, and JSON-escaped.
 */
final class Redaction {
  static final String MASK = "****";

  /** How a text cut to length ends (see {@code RegistryErrors}). */
  private static final String CUT = "...";

  /** Shorter secrets would mask ordinary words: a one-letter password would blank every "a". */
  private static final int MIN_LENGTH = 4;

  private Redaction() {}

  /** {@code text} with every form of the credential's secret replaced by {@link #MASK}. */
  static String redact(String text, Optional<RegistryCredential> credential) {
    return credential.map(c -> redact(text, c.username(), c.password())).orElse(text);
  }

  static String redact(String text, String username, String password) {
    if (text == null || password == null || password.length() < MIN_LENGTH) {
      return text;
    }
    String result = text;
    List<String> forms = forms(username, password);
    for (String form : forms) {
      result = result.replace(form, MASK);
    }
    return result.contains(CUT) ? maskCut(result, forms) : result;
  }

  /**
   * A secret cut short by a length limit ({@code RegistryErrors} ends a cut body with {@code ...})
   * is no longer found whole, and its first part would print: mask any start of a form right before
   * the cut.
   */
  private static String maskCut(String text, List<String> forms) {
    String result = text;
    for (String form : forms) {
      for (int length = form.length() - 1; length >= MIN_LENGTH; length--) {
        result = result.replace(form.substring(0, length) + CUT, MASK + CUT);
      }
    }
    return result;
  }

  /** Longest first, so that a longer form is masked whole before a shorter one inside it. */
  private static List<String> forms(String username, String password) {
    List<String> forms = new ArrayList<>();
    Base64.Encoder b64 = Base64.getEncoder();
    String pair = (username == null ? "" : username) + ":" + password;
    forms.add(b64.encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    forms.add(Base64.getUrlEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    forms.add(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    // unpadded: an echo may drop the '=' padding
    forms.add(b64.withoutPadding().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    forms.add(password);
    forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
    forms.add(jsonEscaped(password, false));
    forms.add(jsonEscaped(password, true));
    forms.add(xmlEscaped(password));
    forms.removeIf(f -> f.length() < MIN_LENGTH);
    forms.sort(Comparator.comparingInt(String::length).reversed());
    return forms;
  }

  /** As Jackson writes a string, or (html) as Go's encoding/json does, with {@code <>&} escaped. */
  private static String jsonEscaped(String s, boolean html) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || (html && (c == '<' || c == '>' || c == '&'))) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String xmlEscaped(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
