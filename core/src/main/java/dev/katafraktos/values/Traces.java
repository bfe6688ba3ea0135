package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the marked renders showed about one image, collected over all of them. */
final class Traces {
  private final String image;
  final Map<ValuePath, Control> controls = new LinkedHashMap<>();
  final List<List<ValuePath>> clashingEmpties = new ArrayList<>();
  boolean changedOtherwise;

  Traces(String image) {
    this.image = image;
  }

  /** Reads the markers in {@code marked}, this image as one marked render made it. */
  void add(String marked, Map<Integer, Marker> markers) {
    List<Marker.Hit> hits = Marker.find(marked, markers);
    if (hits.isEmpty()) {
      changedOtherwise |= !marked.equals(image);
      return;
    }
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    hits.forEach(h -> counts.merge(h.id(), 1, Integer::sum));
    List<ValuePath> empties = new ArrayList<>();
    for (Marker.Hit hit : hits) {
      if (markers.get(hit.id()).kind() == Marker.Kind.EMPTY) {
        empties.add(markers.get(hit.id()).leaf().path());
      }
    }
    if (empties.size() > 1) {
      clashingEmpties.add(empties);
    }
    for (Marker.Hit hit : hits) {
      Marker marker = markers.get(hit.id());
      Control control =
          counts.get(hit.id()) > 1
              ? Control.inexact(marker.leaf().path(), printed(marker))
              : control(marked, hits, hit, markers, empties.size() > 1);
      Control known = controls.get(control.path());
      if (known == null || !known.exact() && control.exact()) {
        controls.put(control.path(), control);
      }
    }
  }

  private static String printed(Marker marker) {
    String text = marker.leaf().printed();
    return text == null ? "" : text;
  }

  private Control control(
      String marked,
      List<Marker.Hit> hits,
      Marker.Hit hit,
      Map<Integer, Marker> markers,
      boolean clash) {
    Marker marker = markers.get(hit.id());
    // the image with every other marker undone, and where this one stands in it
    StringBuilder isolated = new StringBuilder();
    int at = 0;
    int start = -1;
    int end = -1;
    for (Marker.Hit other : hits) {
      isolated.append(marked, at, other.start());
      if (other == hit) {
        start = isolated.length();
        isolated.append(marked, other.start(), other.end());
        end = isolated.length();
      } else {
        isolated.append(markers.get(other.id()).restored());
      }
      at = other.end();
    }
    isolated.append(marked.substring(at));
    String before = isolated.substring(0, start);
    String after = isolated.substring(end);
    ValuePath path = marker.leaf().path();
    String value = printed(marker);
    switch (marker.kind()) {
      case APPEND -> {
        if (before.endsWith(value) && (before + after).equals(image)) {
          return new Control(path, value, start - value.length(), start, "", "", true);
        }
        return Control.inexact(path, value);
      }
      case REPLACE -> {
        if ((before + value + after).equals(image)) {
          return new Control(path, value, start, start + value.length(), "", "", true);
        }
        return Control.inexact(path, value);
      }
      default -> {
        return empty(path, before, after, !clash);
      }
    }
  }

  /**
   * An empty value set to x makes the image {@code before + x + after}; expressed against the
   * baseline image: the part the template wrote instead ({@code [start, end)}) and what it adds.
   */
  private Control empty(ValuePath path, String before, String after, boolean exact) {
    String without = before + after;
    int s = 0;
    int max = Math.min(before.length(), image.length());
    while (s < max && image.charAt(s) == without.charAt(s)) {
      s++;
    }
    int t = 0;
    int maxT = Math.min(after.length(), image.length() - s);
    while (t < maxT
        && image.charAt(image.length() - 1 - t) == without.charAt(without.length() - 1 - t)) {
      t++;
    }
    return new Control(
        path,
        "",
        s,
        image.length() - t,
        before.substring(s),
        after.substring(0, after.length() - t),
        exact);
  }
}
