package dev.katafraktos.values;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recognisable change to one value, made so that the value still reads as what it was: an image
 * part stays a valid image part, a semantic version stays one (a chart may compare versions), a
 * digest stays a digest. Rendering with many markers at once and finding them in the rendered
 * images tells which value went where.
 *
 * @param id the marker's number, unique within a trace
 * @param leaf the value it marks
 * @param text the value the marked render gets
 * @param found the text that shows up in a rendered string: the appended part, the whole digest, or
 *     the whole token of an empty value
 */
record Marker(int id, ValueLeaf leaf, String text, String found, Kind kind) {
  enum Kind {
    /** {@code found} follows the unchanged value. */
    APPEND,
    /** {@code found} replaces the value (a digest). */
    REPLACE,
    /** The value was empty: {@code found} is all there is. */
    EMPTY
  }

  private static final Pattern TOKEN = Pattern.compile("zkx([0-9]+)z");
  private static final Pattern DIGEST = Pattern.compile("sha256:fee1dead([0-9a-f]{8})0{48}");
  private static final Pattern PLAIN_VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+)*");
  private static final Pattern PRERELEASE =
      Pattern.compile("v?[0-9]+(\\.[0-9]+)*-[0-9A-Za-z.-]*[0-9A-Za-z]");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  static Marker of(int id, ValueLeaf leaf) {
    String token = "zkx" + id + "z";
    String printed = leaf.printed();
    if (leaf.isEmpty() || printed == null) {
      // shaped as a version: an empty tag is often compared with semverCompare once set, and
      // "0.0.0-zkx1z" is also a valid host name and repository
      String version = "0.0.0-" + token;
      return new Marker(id, leaf, version, version, Kind.EMPTY);
    }
    if (SHA256.matcher(printed).matches()) {
      String digest = "sha256:fee1dead" + String.format("%08x", id) + "0".repeat(48);
      return new Marker(id, leaf, digest, digest, Kind.REPLACE);
    }
    String separator =
        PLAIN_VERSION.matcher(printed).matches()
            ? "-"
            : PRERELEASE.matcher(printed).matches() ? "." : "";
    return new Marker(id, leaf, printed + separator + token, separator + token, Kind.APPEND);
  }

  /** Where a marker shows in a rendered string. */
  record Hit(int id, int start, int end) {}

  /** Every marker in {@code text}, in order; ids not in {@code markers} are ignored. */
  static List<Hit> find(String text, java.util.Map<Integer, Marker> markers) {
    List<Hit> hits = new ArrayList<>();
    Matcher token = TOKEN.matcher(text);
    while (token.find()) {
      Marker marker = markers.get(parse(token.group(1), 10));
      if (marker != null && marker.kind != Kind.REPLACE) {
        int start = token.start() - (marker.found.length() - token.group().length());
        if (start >= 0 && text.startsWith(marker.found, start)) {
          hits.add(new Hit(marker.id, start, token.end()));
        }
      }
    }
    Matcher digest = DIGEST.matcher(text);
    while (digest.find()) {
      Marker marker = markers.get(parse(digest.group(1), 16));
      if (marker != null && marker.kind == Kind.REPLACE) {
        hits.add(new Hit(marker.id, digest.start(), digest.end()));
      }
    }
    hits.sort(java.util.Comparator.comparingInt(Hit::start));
    return hits;
  }

  private static int parse(String digits, int radix) {
    try {
      return Integer.parseInt(digits, radix);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** What stands in the rendered string when the value is not marked. */
  String restored() {
    return kind == Kind.REPLACE ? leaf.printed() : "";
  }
}
