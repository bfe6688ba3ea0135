package dev.katafraktos.model;

/**
 * The scanners behind {@link ImageRefGrammar}, one per production, each over a range {@code s[from,
 * to)} so that callers can check the parts of a reference without copying them.
 */
final class GrammarScanner {

  private GrammarScanner() {}

  static boolean domain(String s, int from, int to) {
    int hostEnd;
    if (from < to && s.charAt(from) == '[') {
      // IPv6 only as hex digits and colons: no zone (RFC 6874) and no embedded IPv4.
      int close = indexOf(s, ']', from, to);
      if (close <= from + 1) {
        return false;
      }
      for (int i = from + 1; i < close; i++) {
        char c = s.charAt(i);
        if (!(isHexDigit(c) || c == ':')) {
          return false;
        }
      }
      hostEnd = close + 1;
    } else {
      int colon = indexOf(s, ':', from, to);
      hostEnd = colon < 0 ? to : colon;
      if (!domainName(s, from, hostEnd)) {
        return false;
      }
    }
    return hostEnd == to || port(s, hostEnd, to);
  }

  private static boolean domainName(String s, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        if (!domainComponent(s, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  private static boolean domainComponent(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean port(String s, int from, int to) {
    if (to - from < 2 || s.charAt(from) != ':') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean remoteName(String s, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '/') {
        if (!pathComponent(s, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  private static boolean pathComponent(String s, int from, int to) {
    if (from >= to || !isLowerAlphanumeric(s.charAt(from))) {
      return false;
    }
    int i = from;
    while (i < to) {
      if (isLowerAlphanumeric(s.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = i;
      while (runEnd < to && !isLowerAlphanumeric(s.charAt(runEnd))) {
        runEnd++;
      }
      if (runEnd == to || !separator(s, i, runEnd)) {
        return false;
      }
      i = runEnd;
    }
    return true;
  }

  /**
   * One ".", one or two "_", or one or more "-"; regexp.go allows repeated dashes so that host
   * names fit as path components, and "__" for names that older versions accepted.
   */
  private static boolean separator(String s, int from, int to) {
    char first = s.charAt(from);
    if (to - from == 1) {
      return first == '.' || first == '_' || first == '-';
    }
    if (to - from == 2 && first == '_' && s.charAt(from + 1) == '_') {
      return true;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  static boolean tag(String s, int from, int to) {
    if (to - from < 1 || to - from > 128 || !isWordChar(s.charAt(from))) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!(isWordChar(c) || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static boolean digest(String s, int from, int to) {
    int colon = indexOf(s, ':', from, to);
    if (colon < 0 || to - colon - 1 < 32) {
      return false;
    }
    // The algorithm: components that start with a letter, joined by single separators.
    int i = from;
    while (true) {
      if (i >= colon || !isAsciiLetter(s.charAt(i))) {
        return false;
      }
      i++;
      while (i < colon && isAsciiLetterOrDigit(s.charAt(i))) {
        i++;
      }
      if (i == colon) {
        break;
      }
      if ("-_+.".indexOf(s.charAt(i)) < 0) {
        return false;
      }
      i++;
    }
    for (int j = colon + 1; j < to; j++) {
      if (!isHexDigit(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i < to ? i : -1;
  }

  private static boolean isLowerAlphanumeric(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** RE2's {@code \w}: ASCII only, unlike what a Unicode-aware class would accept. */
  private static boolean isWordChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }
}
