package dev.katafraktos.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * A diff of two versions of a file in the format of GNU {@code diff -u}, to show a dry run or to
 * apply with {@code patch -p1} or {@code git apply}.
 *
 * <p>Lines are split at LF and printed byte for byte, as GNU diff prints them: the CR of a CRLF
 * line stays in the output. Stripping it would make the diff fail to apply to the file it came
 * from, and a change of line endings alone would show as lines that look equal.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file\n";

  private UnifiedDiff() {}

  /**
   * The diff from {@code before} to {@code after} with headers {@code --- a/<label>} and {@code +++
   * b/<label>} (no timestamps), as git writes them for {@code patch -p1}; an absolute label is
   * written as it is on both lines ({@code patch -p0}), since {@code a//tmp/x} is no path; the
   * empty string when the texts are equal.
   */
  public static String of(String label, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    LineDiff diff = LineDiff.of(a, b);
    StringBuilder out = new StringBuilder();
    boolean absolute = label.startsWith("/");
    out.append(absolute ? "--- " : "--- a/").append(label).append('\n');
    out.append(absolute ? "+++ " : "+++ b/").append(label).append('\n');
    List<int[]> script = script(diff, a.size(), b.size());
    int first = 0;
    while (first < script.size()) {
      first = hunk(script, first, a, b, out);
    }
    return out.toString();
  }

  /** One entry per output line: {kind, index in a, index in b}, kind ' ', '-' or '+'. */
  private static List<int[]> script(LineDiff diff, int n, int m) {
    List<int[]> script = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && diff.deleted[i]) {
        script.add(new int[] {'-', i++, j});
      } else if (j < m && diff.inserted[j]) {
        script.add(new int[] {'+', i, j++});
      } else {
        script.add(new int[] {' ', i++, j++});
      }
    }
    return script;
  }

  /** Appends the hunk holding the next change at or after {@code from}; returns where it ended. */
  private static int hunk(
      List<int[]> script, int from, List<String> a, List<String> b, StringBuilder out) {
    int change = from;
    while (change < script.size() && script.get(change)[0] == ' ') {
      change++;
    }
    if (change == script.size()) {
      return change;
    }
    int start = Math.max(from, change - CONTEXT);
    int end = change; // one past the last change in this hunk
    for (int k = change; k < script.size() && k - end <= 2 * CONTEXT; k++) {
      if (script.get(k)[0] != ' ') {
        end = k + 1; // a change within twice the context of the last one joins this hunk
      }
    }
    end = Math.min(script.size(), end + CONTEXT);
    int aLines = 0;
    int bLines = 0;
    for (int k = start; k < end; k++) {
      char kind = (char) script.get(k)[0];
      aLines += kind == '+' ? 0 : 1;
      bLines += kind == '-' ? 0 : 1;
    }
    out.append("@@ -")
        .append(range(script.get(start)[1], aLines))
        .append(" +")
        .append(range(script.get(start)[2], bLines))
        .append(" @@\n");
    for (int k = start; k < end; k++) {
      int[] entry = script.get(k);
      String line = entry[0] == '+' ? b.get(entry[2]) : a.get(entry[1]);
      out.append((char) entry[0]).append(line);
      if (!line.endsWith("\n")) {
        out.append('\n').append(NO_NEWLINE);
      }
    }
    return end;
  }

  /** GNU's form: {@code l,n}; just {@code l} for one line; the line before for none. */
  private static String range(int index, int count) {
    if (count == 0) {
      return index + ",0";
    }
    return count == 1 ? String.valueOf(index + 1) : (index + 1) + "," + count;
  }

  /** The lines with their LF; the last one has none when the text does not end with one. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      lines.add(text.substring(start, at + 1));
      start = at + 1;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
