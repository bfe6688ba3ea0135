package dev.katafraktos.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path into a values file, written like Helm's {@code --set}: dots separate mapping keys, {@code
 * \.} is a dot inside a key ({@code podAnnotations.prometheus\.io/scrape}) and {@code [n]} is the
 * n-th element of a list ({@code initContainers[0].image}). A list index is held as the key {@code
 * "[n]"}; {@link #isIndex} tells them apart.
 */
public record ValuePath(List<String> keys) {
  private static final Pattern INDEX = Pattern.compile("\\[(0|[1-9][0-9]{0,8})]");

  public ValuePath {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("A value path needs non-empty keys, got " + keys);
    }
    if (isIndex(keys.get(0))) {
      throw new IllegalArgumentException("A value path starts with a key, got " + keys);
    }
  }

  public static ValuePath of(String... keys) {
    return new ValuePath(List.of(keys));
  }

  /** The key that names element {@code i} of a list. */
  public static String index(int i) {
    return "[" + i + "]";
  }

  /** Whether {@code key} names a list element ({@code [0]}) rather than a mapping key. */
  public static boolean isIndex(String key) {
    return INDEX.matcher(key).matches();
  }

  /** The element number of an index key. */
  public static int indexOf(String key) {
    if (!isIndex(key)) {
      throw new IllegalArgumentException(key + " is not a list index");
    }
    return Integer.parseInt(key.substring(1, key.length() - 1));
  }

  public static ValuePath parse(String text) {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    boolean indexed = false; // the last thing read was "[n]"
    boolean bad = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int close = c == '[' ? text.indexOf(']', i) : -1;
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
        key.append('.');
        i++;
      } else if (close > i && isIndex(text.substring(i, close + 1))) {
        if (!key.isEmpty()) {
          keys.add(key.toString());
          key.setLength(0);
        } else if (!indexed) {
          bad = true; // "[0]" first, or after a dot
        }
        keys.add(text.substring(i, close + 1));
        i = close;
        indexed = true;
        continue;
      } else if (c == '.') {
        if (!indexed || !key.isEmpty()) {
          keys.add(key.toString());
        }
        key.setLength(0);
      } else {
        key.append(c);
      }
      indexed = false;
    }
    if (!indexed) {
      keys.add(key.toString());
    }
    if (bad || keys.stream().anyMatch(String::isEmpty) || isIndex(keys.get(0))) {
      throw new IllegalArgumentException(
          "Value path \"" + text + "\" has an empty key; write it like image.registry");
    }
    return new ValuePath(keys);
  }

  /** The first {@code count} keys, for naming the part of a path that was found. */
  public ValuePath prefix(int count) {
    return new ValuePath(keys.subList(0, count));
  }

  /** The path of the outermost list this path passes through, if any ({@code initContainers}). */
  public Optional<ValuePath> outermostList() {
    for (int i = 1; i < keys.size(); i++) {
      if (isIndex(keys.get(i))) {
        return Optional.of(prefix(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String key : keys) {
      if (isIndex(key)) {
        out.append(key);
      } else {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(key.replace(".", "\\."));
      }
    }
    return out.toString();
  }
}
