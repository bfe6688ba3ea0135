package dev.katafraktos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile YAML for the tests of the parse limits ({@code testdata/hostile/README.md}). */
public final class Hostile {
  private Hostile() {}

  /** {@code testdata/hostile}. */
  public static Path dir() {
    return Path.of(System.getProperty("katafraktos.testdata", "../testdata"), "hostile");
  }

  /** A "billion laughs" values file: nine levels of nine aliases, after an image block. */
  public static String aliasBomb() {
    try {
      return Files.readString(dir().resolve("alias-bomb.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code image: nginx:1.27} and a key whose value nests {@code depth} flow sequences. */
  public static String deepNesting(int depth) {
    return "image: nginx:1.27\ndeep: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
  }

  /** {@code count} aliases of one small mapping: few nodes, many collection aliases. */
  public static String manyAliases(int count) {
    StringBuilder text = new StringBuilder("base: &b {a: 1}\nlist:\n");
    for (int i = 0; i < count; i++) {
      text.append("  - *b\n");
    }
    return text.toString();
  }
}
