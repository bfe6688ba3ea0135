package dev.katafraktos.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The first challenge of a {@code WWW-Authenticate} header (RFC 7235 section 4.1), e.g. {@code
 * Bearer realm="https://h/service/token",service="harbor-registry",scope="repository:a/b:pull"}.
 *
 * @param scheme lower case, e.g. {@code bearer} or {@code basic}
 * @param params parameter names in lower case; values unquoted
 */
record WwwAuthenticate(String scheme, Map<String, String> params) {

  WwwAuthenticate {
    params = Map.copyOf(params);
  }

  static Optional<WwwAuthenticate> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? h.length() : space + 1;
    while (i < h.length()) {
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      int j = eq + 1;
      if (j < h.length() && h.charAt(j) == '"') {
        for (j++; j < h.length() && h.charAt(j) != '"'; j++) {
          if (h.charAt(j) == '\\' && j + 1 < h.length()) {
            j++;
          }
          value.append(h.charAt(j));
        }
        j++; // closing quote
      } else {
        for (; j < h.length() && h.charAt(j) != ','; j++) {
          value.append(h.charAt(j));
        }
      }
      params.putIfAbsent(name, value.toString().trim());
      while (j < h.length() && (h.charAt(j) == ',' || h.charAt(j) == ' ')) {
        j++;
      }
      i = j;
    }
    return Optional.of(new WwwAuthenticate(scheme, params));
  }

  boolean isBearer() {
    return "bearer".equals(scheme);
  }

  boolean isBasic() {
    return "basic".equals(scheme);
  }

  String param(String name) {
    return params.get(name);
  }
}
