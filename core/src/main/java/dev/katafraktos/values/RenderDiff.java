package dev.katafraktos.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between two renders of one chart besides the images that were meant to move. Every
 * other difference must be explained, and the explanations are narrow on purpose — a confident
 * wrong rewrite is worse than a refusal:
 *
 * <ul>
 *   <li>a container's argument or environment value may only have moved images replaced by their
 *       targets, whole references that the extractor found in that very field, each either holding
 *       a {@code /} or {@code @} or named an image by its flag or variable (so a {@code
 *       --log-level=default:info} taken for an image never passes);
 *   <li>any other string may have moved images replaced, whole references at reference boundaries
 *       (not any substring); a checksum may change with what it sums;
 *   <li>a scalar the trace saw an edited value in ({@link Carriage}: a ConfigMap of {@code toYaml
 *       .Values}, a Secret's base64 data, a custom resource's {@code repository}) may change on the
 *       lines that carry an edited value, and nowhere else.
 * </ul>
 */
public final class RenderDiff {
  /**
   * What the rewrite meant to change.
   *
   * @param sites each moved image's site, with the image it had before
   * @param moves each moved image and its target
   * @param carried the rendered scalars the trace saw values in
   * @param edits the values the rewrite edits, with their new text
   */
  public record Expected(
      Map<ImageSite, String> sites,
      Map<String, String> moves,
      Map<FieldSite, Carriage> carried,
      Map<ValuePath, String> edits) {
    public Expected {
      sites = Map.copyOf(sites);
      moves = Map.copyOf(moves);
      carried = Map.copyOf(carried);
      edits = Map.copyOf(edits);
    }

    /** Nothing moves: two renders of the same values. */
    public static Expected nothing() {
      return new Expected(Map.of(), Map.of(), Map.of(), Map.of());
    }

    Set<ValuePath> edited() {
      return edits.keySet();
    }
  }

  /**
   * A scalar that changed because it carries an edited value.
   *
   * @param values the edited values it carries
   */
  public record CarriedChange(FieldSite field, String kind, String name, List<ValuePath> values) {
    public CarriedChange {
      values = List.copyOf(values);
    }
  }

  /**
   * @param unexplained every unexplained difference, as {@code source pointer: before -> after}
   * @param carried the differences explained by values carried into them
   */
  public record Outcome(List<String> unexplained, List<CarriedChange> carried) {
    public Outcome {
      unexplained = List.copyOf(unexplained);
      carried = List.copyOf(carried);
    }
  }

  private RenderDiff() {}

  /** Compares two renders; see the class comment for what counts as explained. */
  public static Outcome compare(
      RenderedManifest before, RenderedManifest after, Expected expected) {
    List<String> out = new ArrayList<>();
    List<CarriedChange> carried = new ArrayList<>();
    List<RenderedDocument> a = before.documents();
    List<RenderedDocument> b = after.documents();
    if (a.size() != b.size()) {
      out.add("the chart renders " + b.size() + " documents instead of " + a.size());
      return new Outcome(out, carried);
    }
    Map<String, Integer> perSource = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      String source = a.get(i).source();
      int index = perSource.merge(String.valueOf(source), 1, Integer::sum) - 1;
      if (!String.valueOf(source).equals(String.valueOf(b.get(i).source()))) {
        out.add("document " + (i + 1) + " comes from " + b.get(i).source() + ", not " + source);
        continue;
      }
      try {
        JsonNode rootA = RenderedFields.read(a.get(i));
        JsonNode rootB = RenderedFields.read(b.get(i));
        new DocumentDiff(source, index, rootA, expected, out, carried).compare("", rootA, rootB);
      } catch (IOException e) {
        if (!a.get(i).content().equals(b.get(i).content())) {
          out.add(source + ": changed (" + e.getMessage() + ")");
        }
      }
    }
    return new Outcome(out, carried);
  }

  /** Every difference between two renders of the same values: what is volatile. */
  public static List<String> unexplained(RenderedManifest before, RenderedManifest after) {
    return compare(before, after, Expected.nothing()).unexplained();
  }

  /** Drops differences at places where two renders of the same values differ too (random data). */
  public static List<String> withoutVolatile(List<String> differences, List<String> volatile_) {
    Set<String> places = new TreeSet<>();
    volatile_.forEach(d -> places.add(place(d)));
    return differences.stream().filter(d -> !places.contains(place(d))).toList();
  }

  private static String place(String difference) {
    int colon = difference.indexOf(": ");
    return colon < 0 ? difference : difference.substring(0, colon);
  }
}
