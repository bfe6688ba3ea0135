package dev.katafraktos.rewrite;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides how a string must be written so that YAML reads it back as that string. Helm parses
 * values with go-yaml, which still honours YAML 1.1 ({@code yes}, {@code on}, {@code 0777},
 * sexagesimal {@code 1:20}), so the union of YAML 1.1 and 1.2 core-schema forms is quoted.
 */
final class YamlScalars {
  // YAML 1.1 and 1.2 int/float forms, https://yaml.org/type/int.html and /float.html
  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+|[-+]?0[bB][01_]+"
              + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern BOOLEAN =
      Pattern.compile(
          "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private YamlScalars() {}

  /** What a plain (unquoted) scalar with this text is read as, if not a string. */
  static Optional<String> plainType(String text) {
    if (NULL.matcher(text).matches()) {
      return Optional.of("null");
    }
    if (BOOLEAN.matcher(text).matches()) {
      return Optional.of("boolean");
    }
    if (NUMBER.matcher(text).matches()) {
      return Optional.of("number");
    }
    return TIMESTAMP.matcher(text).matches() ? Optional.of("timestamp") : Optional.empty();
  }

  static boolean needsQuotes(String text) {
    if (plainType(text).isPresent()
        || INDICATORS.indexOf(text.charAt(0)) >= 0
        || Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))
        || text.contains(": ")
        || text.contains(" #")
        || text.endsWith(":")) {
      return true;
    }
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xfeff);
  }

  /** Plain when safe, otherwise double-quoted. */
  static String plain(String text) {
    return needsQuotes(text) ? doubleQuoted(text) : text;
  }

  /**
   * Plain inside {@code {...}} only without flow indicators, which end a plain scalar there, and
   * without {@code :}, which YAML 1.1 parsers reject in a flow plain scalar
   * (https://pyyaml.org/wiki/YAMLColonInFlowContext).
   */
  static String plainInFlow(String text) {
    return needsQuotesInFlow(text) ? doubleQuoted(text) : text;
  }

  static boolean needsQuotesInFlow(String text) {
    return needsQuotes(text) || text.chars().anyMatch(c -> ":,[]{}#".indexOf(c) >= 0);
  }

  static String singleQuoted(String text) {
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return doubleQuoted(text); // single quotes cannot escape control characters
    }
    return "'" + text.replace("'", "''") + "'";
  }

  static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
