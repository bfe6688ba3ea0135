package dev.katafraktos.api;

import dev.katafraktos.api.RewriteResult.MovedImage;
import dev.katafraktos.api.RewriteResult.UnmovableImage;
import dev.katafraktos.api.RewriteResult.ValueSetting;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.MovePlan;
import dev.katafraktos.values.Provenance;
import dev.katafraktos.values.TemplateLines;
import dev.katafraktos.values.TracedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified rewrite tells the user: each moved image with the values that move it, and each
 * image that cannot move with a true reason — set on the command line, hard-coded where the chart
 * writes it literally (template or chart file, with the line), or not traced.
 */
final class RewriteSummary {
  private final RewriteRequest request;
  private final String chart;
  private final List<Mapping> mappings;
  private final int renders;
  private final List<String> warnings;
  private final Map<ValuePath, ValuePath> writtenAs;

  /**
   * @param writtenAs planned paths written under another name: a chart's internal defaults key
   *     dropped (see {@code Rewriter#userPaths})
   */
  RewriteSummary(
      RewriteRequest request,
      List<Mapping> mappings,
      int renders,
      List<String> warnings,
      Map<ValuePath, ValuePath> writtenAs) {
    this.writtenAs = Map.copyOf(writtenAs);
    this.request = request;
    this.chart = request.chart().toString();
    this.mappings = mappings;
    this.renders = renders;
    this.warnings = warnings;
  }

  RewriteResult result(
      Provenance provenance,
      Targets targets,
      Map<ImageSite, String> goals,
      MovePlan plan,
      Map<ValuePath, Path> where,
      Map<ValuePath, String> onCommandLine,
      EditedValues files,
      boolean written,
      List<RewriteResult.AlsoChange> alsoChanges,
      List<RewriteResult.UnresolvedName> unresolved) {
    Map<String, MovedImage> moved = new LinkedHashMap<>();
    Map<String, UnmovableImage> unmovable = new LinkedHashMap<>();
    for (TracedImage image : provenance.images()) {
      List<ValuePath> paths = plan.movedBy().get(image.site());
      String reason = plan.unmovable().get(image.site());
      String onLine = commandLine(paths, onCommandLine);
      if (onLine != null) {
        reason = onLine;
        paths = null;
      }
      if (paths != null) {
        List<ValueSetting> settings = new ArrayList<>();
        for (ValuePath path : paths) {
          settings.add(
              new ValueSetting(
                  where.get(path),
                  writtenAs.getOrDefault(path, path).toString(),
                  plan.edits().get(path)));
        }
        MovedImage before = moved.get(image.image());
        Set<ValueSetting> all = new LinkedHashSet<>(before == null ? List.of() : before.values());
        all.addAll(settings);
        moved.put(
            image.image(),
            new MovedImage(image.image(), goals.get(image.site()), List.copyOf(all)));
      } else if (reason != null) {
        unmovable.putIfAbsent(
            image.image() + " " + image.occurrence().source(), unmovable(request, image, reason));
      }
    }
    List<String> warnings = new ArrayList<>(files.warnings());
    warnings.addAll(files.listNotes());
    warnings.addAll(this.warnings);
    for (Mapping mapping : mappings) {
      if (!targets.used().contains(mapping)) {
        warnings.add("mapping " + mapping + " matches no image of " + chart);
      }
    }
    provenance.notes().forEach(n -> warnings.add("not traced: " + n));
    return new RewriteResult(
        chart,
        files.changes(),
        List.copyOf(moved.values()),
        List.copyOf(unmovable.values()),
        targets.alreadyInPlace(),
        targets.unmapped(),
        renders,
        provenance.insecureImagesAllowed() && !plan.edits().isEmpty(),
        warnings,
        written,
        alsoChanges,
        unresolved);
  }

  /**
   * Why an image that moves by {@code paths} does not: some of them are set on the command line
   * ({@code null}: none is).
   */
  static String commandLine(List<ValuePath> paths, Map<ValuePath, String> onCommandLine) {
    if (paths == null || paths.stream().noneMatch(onCommandLine::containsKey)) {
      return null;
    }
    return "set on the command line ("
        + String.join(
            ", ",
            paths.stream().filter(onCommandLine::containsKey).map(ValuePath::toString).toList())
        + "); change it there";
  }

  /**
   * An image that cannot move, with a true reason: set on the command line, hard-coded where the
   * chart writes it literally, or {@code reason} (the plan's) with the template line.
   */
  static UnmovableImage unmovable(RewriteRequest request, TracedImage image, String reason) {
    String flag = setFlagFor(request, image.image());
    if (flag != null) {
      // --set outranks every values file, the marked ones of the trace included
      reason = "set on the command line (" + flag + "); change it there";
    }
    var o = image.occurrence();
    int line;
    if (flag == null && !image.controllable()) {
      // "hard-coded" sends the user to fork the chart: say it only when the chart says so
      line = TemplateLines.literal(request.chart(), o.source(), image.image());
      Optional<String> file =
          line > 0 ? Optional.empty() : TemplateLines.inChartFile(request.chart(), image.image());
      if (line > 0) {
        reason = "hard-coded in the template: no value changes it";
      } else if (file.isPresent()) {
        reason =
            "hard-coded in the chart file "
                + file.get()
                + ", which a template reads: no value changes it";
      } else {
        reason =
            "no value the trace could change moves it, and its template does not write it"
                + " literally (a value the chart builds?); set it by hand";
      }
    } else {
      line = TemplateLines.find(request.chart(), o.source(), image.image());
    }
    return new UnmovableImage(image.image(), o.kind(), o.name(), o.source(), line, reason);
  }

  /** The {@code --set}/{@code --set-string} entry whose value is part of {@code image}, or null. */
  private static String setFlagFor(RewriteRequest request, String image) {
    for (String flag : List.of("--set", "--set-string")) {
      List<String> entries =
          flag.equals("--set") ? request.render().set() : request.render().setString();
      for (String entry : entries) {
        for (String part : entry.split("(?<!\\\\),")) {
          int eq = part.indexOf('=');
          if (eq > 0 && eq < part.length() - 1 && image.contains(part.substring(eq + 1))) {
            return flag + " " + part;
          }
        }
      }
    }
    return null;
  }
}
