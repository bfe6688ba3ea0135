package dev.katafraktos.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

  /**
   * The chart file a template names (what it reads with {@code .Files.Get} or {@code .Files.Glob})
   * that writes {@code image} literally, as {@code files/x.yaml:12}; empty when none does. Reads at
   * most 2,000 files of at most 1 MiB each, never through a link.
   */
  public static Optional<String> inChartFile(Path chart, String image) {
    if (!Files.isDirectory(chart, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(chart)) {
      List<Path> all =
          walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
              .filter(f -> !chart.relativize(f).startsWith("charts"))
              .limit(2000)
              .sorted()
              .toList();
      String templates = templateText(chart, all);
      // only files a template names, by path or folder (.Files.Get "files/x", .Files.Glob
      // "files/*")
      List<Path> files =
          all.stream()
              .filter(f -> !chart.relativize(f).startsWith("templates"))
              .filter(
                  f -> {
                    String rel = chart.relativize(f).toString().replace('\\', '/');
                    int slash = rel.lastIndexOf('/');
                    return templates.contains(rel)
                        || slash > 0 && templates.contains(rel.substring(0, slash + 1));
                  })
              .toList();
      for (Path file : files) {
        if (Files.size(file) > 1 << 20) {
          continue;
        }
        List<String> lines;
        try {
          lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
          continue; // binary or not UTF-8
        }
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(image)) {
            return Optional.of(
                chart.relativize(file).toString().replace('\\', '/') + ":" + (i + 1));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String templateText(Path chart, List<Path> files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      if (chart.relativize(file).startsWith("templates") && text.length() < 8 << 20) {
        try {
          text.append(Files.readString(file)).append('\n');
        } catch (IOException | RuntimeException e) {
          // not text: names no file
        }
      }
    }
    return text.toString();
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
