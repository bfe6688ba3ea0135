package dev.katafraktos.rewrite;

/** Replaces the chars {@code [start, end)} of a text; everything else stays byte for byte. */
record TextEdit(int start, int end, String replacement) {
  String applyTo(String text) {
    return text.substring(0, start) + replacement + text.substring(end);
  }
}
