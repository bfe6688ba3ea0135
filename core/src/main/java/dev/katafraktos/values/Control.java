package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;

/**
 * A value that controls part of a rendered image reference. Setting the value to {@code x} makes
 * the image {@code image[0:start] + prefix + x + suffix + image[end:]}: for a value that is
 * interpolated as is, {@code [start, end)} is where the value stands and prefix and suffix are
 * empty; for an empty value, {@code [start, end)} is what the template writes instead (a default,
 * or nothing) and prefix/suffix what it adds around a set value (e.g. the {@code /} after a
 * registry).
 *
 * @param path the value path, from the top chart
 * @param value the value as the template printed it ({@code ""} for an empty or null value)
 * @param exact whether the effect above is known; false when the template transforms the value
 *     (e.g. {@code tpl}, {@code lower}, {@code trimPrefix}) or the image changed in other ways when
 *     it was marked — then the value is known to control the image, but not how
 */
public record Control(
    ValuePath path, String value, int start, int end, String prefix, String suffix, boolean exact) {

  static Control inexact(ValuePath path, String value) {
    return new Control(path, value, -1, -1, "", "", false);
  }

  /** The image after setting the value to {@code x}; only for exact controls. */
  public String apply(String image, String x) {
    if (!exact) {
      throw new IllegalStateException("effect of " + path + " is not known");
    }
    return image.substring(0, start) + prefix + x + suffix + image.substring(end);
  }

  @Override
  public String toString() {
    return path + (exact ? "[" + start + "," + end + ")" : "[?]");
  }
}
