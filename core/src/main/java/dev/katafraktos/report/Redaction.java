package dev.katafraktos.report;

import java.util.regex.Pattern;

/**
 * Last line of defence for "secrets never print": a registry message may quote a URL with user info
 * ({@code https://user:token@host/...}) or an {@code Authorization} header; every writer passes
 * free text through here.
 */
final class Redaction {
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
  private static final Pattern AUTH_HEADER =
      Pattern.compile("(?i)\\b(authorization:?\\s*(?:basic|bearer)\\s+)[A-Za-z0-9._~+/=-]+");
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)\\b((?:password|token|secret|access_token)=)[^&\\s]+");

  private Redaction() {}

  static String redact(String text) {
    if (text == null) {
      return null;
    }
    String s = USER_INFO.matcher(text).replaceAll("$1****@");
    s = AUTH_HEADER.matcher(s).replaceAll("$1****");
    return SECRET_PARAM.matcher(s).replaceAll("$1****");
  }
}
