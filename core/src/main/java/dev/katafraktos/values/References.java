package dev.katafraktos.values;

import java.util.Map;

/** Replacing whole image references in text, never a part of a longer word or reference. */
final class References {
  /** Whether a reference found at {@code start} may be replaced. */
  @FunctionalInterface
  interface Allowed {
    boolean test(int start, String reference);
  }

  private References() {}

  /**
   * {@code text} with each occurrence of a key of {@code moves} that stands alone (no reference
   * character before or after it: {@code nginx:1.27} is not in {@code nginx:1.27.4} nor in {@code
   * my-nginx:1.27}) and is {@code allowed} replaced by its value; the longest key wins where
   * several start at one place.
   */
  static String replace(String text, Map<String, String> moves, Allowed allowed) {
    if (moves.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      String found = null;
      if (i == 0 || !isReferenceChar(text.charAt(i - 1))) {
        for (String ref : moves.keySet()) {
          int end = i + ref.length();
          if (!ref.isEmpty()
              && text.startsWith(ref, i)
              && (end == text.length() || !isReferenceChar(text.charAt(end)))
              && (found == null || ref.length() > found.length())
              && allowed.test(i, ref)) {
            found = ref;
          }
        }
      }
      if (found != null) {
        out.append(moves.get(found));
        i += found.length();
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /** The characters of an image reference (distribution/reference's grammar). */
  static boolean isReferenceChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '/'
        || c == ':'
        || c == '@';
  }
}
