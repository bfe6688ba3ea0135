package dev.katafraktos.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where in a chart's template an image that no value controls is written. */
public final class TemplateLines {
  private TemplateLines() {}

  /**
   * The 1-based line of {@code source} (a {@code # Source:} path, starting with the chart's name)
   * that writes {@code image}, or 0 when the chart is packaged or no line shows it.
   */
  public static int find(Path chart, String source, String image) {
    List<String> lines = lines(chart, source);
    String name = image.replaceFirst("[@:][^/]*$", "");
    String last = name.substring(name.lastIndexOf('/') + 1);
    for (String needle : List.of(image, name)) {
      for (int i = 0; i < lines.size(); i++) {
        if (!needle.isEmpty() && lines.get(i).contains(needle)) {
          return i + 1;
        }
      }
    }
    // the last part of the name alone also names containers: only on a line that sets an image
    for (int i = 0; i < lines.size(); i++) {
      if (!last.isEmpty() && lines.get(i).contains(last) && lines.get(i).contains("image")) {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * The 1-based line of {@code source} that holds {@code image}, or its name without tag and
   * digest, literally; 0 when none does (the image is then built from something else).
   */
  public static int literal(Path chart, String source, String image) {
    List<String> lines = lines(chart, source);
    String name = image.replaceFirst("[@:][^/]*$", "");
    for (String needle : List.of(image, name)) {
      for (int i = 0; i < lines.size(); i++) {
        if (!needle.isEmpty() && lines.get(i).contains(needle)) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  private static List<String> lines(Path chart, String source) {
    if (source == null || !Files.isDirectory(chart)) {
      return List.of();
    }
    int slash = source.indexOf('/');
    Path file = chart.resolve(slash < 0 ? source : source.substring(slash + 1));
    if (!file.normalize().startsWith(chart.normalize())) {
      return List.of(); // a # Source: path is chart content: never read outside the chart
    }
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
