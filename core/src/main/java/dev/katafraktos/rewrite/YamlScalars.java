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
    return hasUnprintable(text);
  }

  /** Whether {@code text} has a character that only an escape in double quotes can write. */
  private static boolean hasUnprintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPair(text, i)) {
        i++;
      } else if (c < 0x20 || mustEscape(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPair(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  /**
   * Whether a character must be written as an escape in a double-quoted scalar: YAML 1.2 does not
   * allow it raw (C0 and C1 controls, U+FFFE, U+FFFF, a surrogate without its pair; section 5.1),
   * go-yaml reads it as a line break as YAML 1.1 does (NEL, U+2028, U+2029), or it is a BOM. A raw
   * one makes the file unreadable, or changes the value Helm reads; a lone surrogate could not even
   * be written as UTF-8.
   */
  static boolean mustEscape(char c) {
    return c < 0x20 && c != '\t'
        || c >= 0x7f && c <= 0x9f
        || c == 0x2028
        || c == 0x2029
        || c == 0xfeff
        || c == 0xfffe
        || c == 0xffff
        || Character.isSurrogate(c);
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

  /**
   * A value from a file for a one-line message: double-quoted with escapes, so that a line break or
   * a control character in a value from a pull request cannot break or forge a log line, and cut
   * after 80 characters.
   */
  static String shown(String text) {
    String quoted = doubleQuoted(text.length() > 80 ? text.substring(0, 80) : text);
    return text.length() > 80 ? quoted + "… (" + text.length() + " characters)" : quoted;
  }

  static String singleQuoted(String text) {
    if (hasUnprintable(text)) {
      return doubleQuoted(text); // single quotes cannot escape control characters
    }
    return "'" + text.replace("'", "''") + "'";
  }

  static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPair(text, i)) {
        out.append(c).append(text.charAt(++i)); // a character beyond the BMP, written as is
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (mustEscape(c)) {
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
