package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ValuePath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks, without trusting the editor's own idea of its spans, that one {@code set} changed nothing
 * outside the keys it names: every line it touched or added holds one of the path's keys, at most
 * one existing line changed, and on that line the key and any comment survived.
 */
final class EditFootprint {
  private EditFootprint() {}

  static void check(ValuePath path, String before, String after) {
    if (before.equals(after)) {
      return;
    }
    List<String> old = new ArrayList<>(UnifiedDiff.lines(before));
    List<String> now = new ArrayList<>(UnifiedDiff.lines(after));
    int prefix = 0;
    while (prefix < old.size() && prefix < now.size() && old.get(prefix).equals(now.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < old.size() - prefix
        && suffix < now.size() - prefix
        && old.get(old.size() - 1 - suffix).equals(now.get(now.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> removed = old.subList(prefix, old.size() - suffix);
    List<String> added = new ArrayList<>(now.subList(prefix, now.size() - suffix));
    String context = "setting " + path + " changed\n" + UnifiedDiff.of("file", before, after);
    if (removed.size() == 1
        && !removed.get(0).endsWith("\n")
        && !added.isEmpty()
        && added.get(0).matches(Pattern.quote(removed.get(0)) + "\r?\n")) {
      // the last line gains the newline that separates it from appended keys
      removed = List.of();
      added.remove(0);
    }
    assertThat(removed).as(context + "\nat most one existing line may change").hasSizeLessThan(2);
    if (removed.size() == 1) {
      assertThat(added).as(context).isNotEmpty();
      checkChangedLine(path, removed.get(0), String.join("", added), context);
      added.remove(0);
    }
    for (String line : added) {
      assertThat(keyEnd(path, line))
          .as(context + "\nan added line without a key of the path")
          .isNotNegative();
    }
  }

  /**
   * The line keeps its text up to the key's colon and its comment; only the value between moved.
   */
  private static void checkChangedLine(
      ValuePath path, String line, String replacement, String context) {
    // the earliest place the value may start: after a key of the path, after the "- " of a list
    // element, or anywhere in a document that is one flow mapping (no key before its brace)
    int key = keyEnd(path, line);
    var item = Pattern.compile("^\\s*-(?=\\s|$)").matcher(line);
    if (path.keys().stream().anyMatch(ValuePath::isIndex) && item.find()) {
      key = key < 0 ? item.end() : Math.min(key, item.end());
    }
    if (line.replace("\uFEFF", "").startsWith("{")) {
      key = 0;
    }
    int[] tailFirst = headAndTail(line, replacement, false);
    String inserted =
        replacement.substring(tailFirst[0], replacement.length() - tailFirst[1]).replace("{", " ");
    if (key < 0 && line.length() == tailFirst[0] + tailFirst[1] && keyEnd(path, inserted) >= 0) {
      key = tailFirst[0]; // "k: v" inserted into a flow mapping on a line of its own
    }
    assertThat(key).as(context + "\nthe changed line holds no key of the path").isNotNegative();
    // the unchanged head and tail of the line, split either way: in "a: # c" -> "a: v # c" the
    // space before "#" belongs to both
    int comment = commentStart(line);
    int[] headFirst = headAndTail(line, replacement, true);
    boolean keyKept = headFirst[0] >= key || tailFirst[0] >= key;
    assertThat(keyKept).as(context + "\nthe key itself changed").isTrue();
    if (comment >= 0) {
      boolean commentKept =
          headFirst[0] >= key && line.length() - headFirst[1] <= comment
              || tailFirst[0] >= key && line.length() - tailFirst[1] <= comment;
      assertThat(commentKept).as(context + "\nthe comment changed").isTrue();
    }
  }

  /**
   * Where a comment starts (its blank before "#"), outside quoted scalars; -1 if none. A quote
   * opens a quoted scalar only where a scalar can start (after ":", "[", "{", ",", "-", "?" or at
   * the line's start): the apostrophe of a plain {@code it's} opens nothing.
   */
  private static int commentStart(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (dbl) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          dbl = false;
        }
      } else if (single) {
        if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
          i++; // '' inside single quotes is one quote
        } else if (c == '\'') {
          single = false;
        }
      } else if ((c == '"' || c == '\'') && scalarMayStart(line, i)) {
        dbl = c == '"';
        single = c == '\'';
      } else if (c == '#' && i > 0 && line.charAt(i - 1) == ' ') {
        return i - 1;
      }
    }
    return -1;
  }

  private static boolean scalarMayStart(String line, int i) {
    int j = skipBlanks(line, i - 1);
    // an anchor or a tag may stand before the scalar: `&a1 "x"`, `!!str 'y'`
    int word = j;
    while (word >= 0 && " [{,".indexOf(line.charAt(word)) < 0) {
      word--;
    }
    if (word < j && (line.charAt(word + 1) == '&' || line.charAt(word + 1) == '!')) {
      j = skipBlanks(line, word);
    }
    return j < 0 || ":[{,-?".indexOf(line.charAt(j)) >= 0;
  }

  private static int skipBlanks(String line, int j) {
    while (j >= 0 && line.charAt(j) == ' ') {
      j--;
    }
    return j;
  }

  /** The lengths of the common head and tail of two lines, not overlapping. */
  private static int[] headAndTail(String line, String replacement, boolean headFirst) {
    int limit = Math.min(line.length(), replacement.length());
    int head = 0;
    int tail = 0;
    if (headFirst) {
      while (head < limit && line.charAt(head) == replacement.charAt(head)) {
        head++;
      }
    }
    while (tail < limit - head
        && line.charAt(line.length() - 1 - tail)
            == replacement.charAt(replacement.length() - 1 - tail)) {
      tail++;
    }
    if (!headFirst) {
      while (head < limit - tail && line.charAt(head) == replacement.charAt(head)) {
        head++;
      }
    }
    return new int[] {head, tail};
  }

  /**
   * Where the earliest of the path's keys on this line ends, with its colon; -1 if none is there.
   * The earliest: in a flow mapping a later key of the path may also stand after the changed value.
   */
  private static int keyEnd(ValuePath path, String line) {
    int earliest = -1;
    for (String key : path.keys()) {
      var matcher =
          Pattern.compile("(^|[\\s{,\\uFEFF])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:")
              .matcher(line);
      if (matcher.find() && (earliest < 0 || matcher.end() < earliest)) {
        earliest = matcher.end();
      }
    }
    return earliest;
  }
}
