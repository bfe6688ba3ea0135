package dev.katafraktos.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A path of mapping keys into a values file, written like Helm's {@code --set}: dots separate keys
 * and {@code \.} is a dot inside a key ({@code podAnnotations.prometheus\.io/scrape}).
 */
public record ValuePath(List<String> keys) {
  public ValuePath {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("A value path needs non-empty keys, got " + keys);
    }
  }

  public static ValuePath of(String... keys) {
    return new ValuePath(List.of(keys));
  }

  public static ValuePath parse(String text) {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
        key.append('.');
        i++;
      } else if (c == '.') {
        keys.add(key.toString());
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    keys.add(key.toString());
    if (keys.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "Value path \"" + text + "\" has an empty key; write it like image.registry");
    }
    return new ValuePath(keys);
  }

  /** The first {@code count} keys, for naming the part of a path that was found. */
  public ValuePath prefix(int count) {
    return new ValuePath(keys.subList(0, count));
  }

  @Override
  public String toString() {
    return String.join(".", keys.stream().map(k -> k.replace(".", "\\.")).toList());
  }
}
