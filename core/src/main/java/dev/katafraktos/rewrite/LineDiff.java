package dev.katafraktos.rewrite;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lines of two texts differ: a shortest edit script (Myers, "An O(ND) Difference Algorithm
 * and Its Variations", 1986, with the linear-space middle-snake split of section 4b), then each run
 * of changed lines slid the way GNU diff slides it, so that hunks read like those of {@code diff
 * -u}.
 */
final class LineDiff {
  final boolean[] deleted;
  final boolean[] inserted;
  private final int[] a;
  private final int[] b;

  private LineDiff(int[] a, int[] b) {
    this.a = a;
    this.b = b;
    this.deleted = new boolean[a.length];
    this.inserted = new boolean[b.length];
  }

  static LineDiff of(List<String> before, List<String> after) {
    Map<String, Integer> ids = new HashMap<>();
    LineDiff diff = new LineDiff(ids(before, ids), ids(after, ids));
    diff.compare(0, diff.a.length, 0, diff.b.length);
    slide(diff.a, diff.deleted, diff.inserted);
    slide(diff.b, diff.inserted, diff.deleted);
    return diff;
  }

  private static int[] ids(List<String> lines, Map<String, Integer> ids) {
    return lines.stream().mapToInt(line -> ids.computeIfAbsent(line, k -> ids.size())).toArray();
  }

  private void compare(int aLo, int aHi, int bLo, int bHi) {
    while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
      aLo++;
      bLo++;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    if (aLo == aHi || bLo == bHi) {
      Arrays.fill(deleted, aLo, aHi, true);
      Arrays.fill(inserted, bLo, bHi, true);
      return;
    }
    int[] split = middle(aLo, aHi, bLo, bHi);
    compare(aLo, split[0], bLo, split[1]);
    compare(split[0], aHi, split[1], bHi);
  }

  /**
   * A point on a shortest path from (aLo, bLo) to (aHi, bHi), found by searching from both ends
   * until the paths overlap; it is strictly inside, because both ends differ after trimming.
   * Diagonals whose paths leave the rectangle are dropped from the search (-1: not reached).
   */
  private int[] middle(int aLo, int aHi, int bLo, int bHi) {
    int n = aHi - aLo;
    int m = bHi - bLo;
    int delta = n - m;
    boolean odd = (delta & 1) != 0;
    int max = (n + m + 1) / 2 + 1;
    int[] forward = new int[2 * max + 2]; // furthest x on diagonal k = x - y, at index k + max
    int[] backward = new int[2 * max + 2]; // the same from the ends, on diagonal (n-x)-(m-y)
    Arrays.fill(forward, -1);
    Arrays.fill(backward, -1);
    forward[max + 1] = 0;
    backward[max + 1] = 0;
    int[] forwardCut = new int[2]; // diagonals dropped at the low and the high end
    int[] backwardCut = new int[2];
    for (int d = 0; d < max; d++) {
      for (int k = -d + forwardCut[0]; k <= d - forwardCut[1]; k += 2) {
        int x = furthest(forward, max, k, d);
        int y = x - k;
        while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
          x++;
          y++;
        }
        forward[max + k] = x;
        if (x > n) {
          forwardCut[1] += 2;
        } else if (y > m) {
          forwardCut[0] += 2;
        } else if (odd && reached(backward, max, delta - k) && x + backward[max + delta - k] >= n) {
          return new int[] {aLo + x, bLo + y};
        }
      }
      for (int k = -d + backwardCut[0]; k <= d - backwardCut[1]; k += 2) {
        int x = furthest(backward, max, k, d);
        int y = x - k;
        while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) {
          x++;
          y++;
        }
        backward[max + k] = x;
        if (x > n) {
          backwardCut[1] += 2;
        } else if (y > m) {
          backwardCut[0] += 2;
        } else if (!odd && reached(forward, max, delta - k) && x + forward[max + delta - k] >= n) {
          return new int[] {aHi - x, bHi - y};
        }
      }
    }
    throw new IllegalStateException("no middle snake"); // unreachable: the paths always meet
  }

  /** One more edit on diagonal k: down from k + 1 or right from k - 1, whichever got further. */
  private static int furthest(int[] v, int max, int k, int d) {
    return k == -d || (k != d && v[max + k - 1] < v[max + k + 1])
        ? v[max + k + 1]
        : v[max + k - 1] + 1;
  }

  private static boolean reached(int[] v, int max, int k) {
    return k >= -max && k <= max && v[max + k] >= 0;
  }

  /**
   * Slides each run of changed lines in {@code lines} over equal neighbours, as GNU diff's
   * shift_boundaries does: merge with runs above and below where possible, then settle at the
   * lowest place next to a change in the other file (one replace block instead of a delete and an
   * insert apart), else as low as it goes.
   */
  private static void slide(int[] lines, boolean[] changed, boolean[] otherChanged) {
    int[] otherGap = gaps(otherChanged); // changed lines of the other file before each kept line
    int n = lines.length;
    int kept = 0; // unchanged lines above the current run
    for (int i = 0; i < n; ) {
      if (!changed[i]) {
        kept++;
        i++;
        continue;
      }
      int start = i;
      int end = i;
      while (end < n && changed[end]) {
        end++;
      }
      int length;
      int corresponding;
      do {
        length = end - start;
        while (start > 0 && lines[start - 1] == lines[end - 1]) {
          changed[--start] = true;
          changed[--end] = false;
          kept--;
          while (start > 0 && changed[start - 1]) {
            start--;
          }
        }
        corresponding = otherGap[kept] > 0 ? end : -1;
        while (end < n && lines[start] == lines[end]) {
          changed[start++] = false;
          changed[end++] = true;
          kept++;
          while (end < n && changed[end]) {
            end++;
          }
          if (otherGap[kept] > 0) {
            corresponding = end;
          }
        }
      } while (length != end - start);
      while (corresponding >= 0 && corresponding < end) {
        changed[--start] = true;
        changed[--end] = false;
        kept--;
      }
      i = end;
    }
  }

  private static int[] gaps(boolean[] changed) {
    int keptLines = 0;
    for (boolean c : changed) {
      keptLines += c ? 0 : 1;
    }
    int[] gaps = new int[keptLines + 1];
    int kept = 0;
    for (boolean c : changed) {
      if (c) {
        gaps[kept]++;
      } else {
        kept++;
      }
    }
    return gaps;
  }
}
