package dev.katafraktos.api;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.ValuePath;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.releases.RepoRoot;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.values.EffectiveValues;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.MovePlan;
import dev.katafraktos.values.MovePlanner;
import dev.katafraktos.values.Provenance;
import dev.katafraktos.values.ProvenanceTracer;
import dev.katafraktos.values.RenderDiff;
import dev.katafraktos.values.TracedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rewrites values so that a chart's images come from their mapped targets: render, trace which
 * values control which image, plan the narrowest edits, edit the values files' text, render again
 * with the edited files and compare, and only then write.
 */
final class Rewriter {
  private final RewriteRequest request;
  private final String chart;
  private final List<Mapping> mappings;
  private final Path workDir;
  private final RepoRoot confinedTo;
  private int renders;
  private final List<String> warnings = new ArrayList<>();

  /** Renders with the edited values per version, of the attempt that verified. */
  private Map<String, Integer> verified = Map.of();

  /** How often a rewrite plans again when its files change under it before it gives up. */
  private static final int ATTEMPTS = 5;

  private Rewriter(RewriteRequest request, Path workDir, RepoRoot confinedTo) {
    this.request = request;
    this.chart = request.chart().toString();
    this.mappings = request.config().mappingRules().mappings();
    this.workDir = workDir;
    this.confinedTo = confinedTo;
  }

  static RewriteResult rewrite(RewriteRequest request) throws KatafraktosException {
    return rewrite(request, null);
  }

  /**
   * @param confinedTo the repository a discovered release came from: every values file is read and
   *     written only while no link leads it outside ({@code null}: the user named the files)
   */
  static RewriteResult rewrite(RewriteRequest request, RepoRoot confinedTo)
      throws KatafraktosException {
    Path work;
    try {
      work = Files.createTempDirectory("katafraktos-rewrite-");
    } catch (IOException e) {
      throw new KatafraktosException(null, "Cannot create a temporary directory: " + e, e);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return new Rewriter(request, work, confinedTo).run();
        } catch (ValuesChangedException e) {
          // another process wrote the file after we read it: plan again from its new text, so
          // that neither rewrite's edit is lost
          if (attempt == ATTEMPTS) {
            throw new KatafraktosException(
                e.chart(),
                "Cannot rewrite "
                    + e.chart()
                    + ": "
                    + e.getMessage()
                    + " (tried "
                    + ATTEMPTS
                    + " times; is something else writing it?)",
                e);
          }
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private RewriteResult run() throws KatafraktosException {
    if (mappings.isEmpty()) {
      throw fail(
          "no mapping given: add --mapping SRC=DST (e.g."
              + " docker.io=harbor.example.com/dockerhub-proxy) or mappings in katafraktos.yaml");
    }
    EditedValues files = EditedValues.open(request, chart, workDir, confinedTo);
    try (ChartRenderer renderer = Katafraktos.renderer(request.render())) {
      List<VersionPlan> plans = new ArrayList<>();
      for (String version : versions()) {
        plans.add(plan(renderer, files, version));
      }
      Map<ValuePath, Object> edits = UpgradePlans.edits(plans, this::fail);
      Map<ValuePath, String> onCommandLine = files.setOnCommandLine(edits.keySet());
      onCommandLine.keySet().forEach(edits::remove);
      if (plans.size() > 1) {
        UpgradePlans.refusePartialMoves(plans, onCommandLine, request, this::fail);
      }
      Map<String, Object> effective = EffectiveValues.of(plans.get(0).baseline());
      Check check = check(renderer, plans, Verification.printed(edits));
      Map<ValuePath, ValuePath> writtenAs = userPaths(edits.keySet());
      Applied applied = null;
      if (!writtenAs.isEmpty()) {
        // a chart that keeps its defaults under an internal key (istio's
        // _internal_defaults_do_not_set) merges the user's top-level values over them: set what
        // a person would set, if the render proves it does the same
        try {
          applied =
              apply(
                  EditedValues.open(request, chart, workDir, confinedTo),
                  edits,
                  writtenAs,
                  effective,
                  check);
          writtenAs.forEach(
              (from, to) ->
                  warnings.add(
                      "set "
                          + to
                          + " rather than "
                          + from
                          + ": the chart merges top-level values"
                          + " over its internal defaults (the render proves it)"));
        } catch (KatafraktosException e) {
          writtenAs.clear(); // the internal path it is, as traced
        }
      }
      if (applied == null) {
        applied = apply(files, edits, writtenAs, effective, check);
      }
      boolean written = !request.dryRun() && applied.files().changed();
      if (written) {
        applied.files().write();
      }
      List<RewriteResult.AlsoChange> alsoChanges = Verification.alsoChanges(applied.carried());
      RewriteSummary summary = new RewriteSummary(request, mappings, renders, warnings, writtenAs);
      if (plans.size() == 1) {
        VersionPlan p = plans.get(0);
        return summary.result(
            p.provenance(),
            p.targets(),
            p.goals(),
            p.plan(),
            applied.where(),
            onCommandLine,
            applied.files(),
            written,
            alsoChanges,
            UnresolvedNames.of(p.baseline(), alsoChanges));
      }
      List<RewriteResult> results = new ArrayList<>();
      List<RewriteResult.VersionCheck> checks = new ArrayList<>();
      for (VersionPlan p : plans) {
        results.add(
            summary.result(
                p.provenance(),
                UpgradePlans.usedOnAnyVersion(p.targets(), plans),
                p.goals(),
                p.plan(),
                applied.where(),
                onCommandLine,
                applied.files(),
                written,
                alsoChanges,
                UnresolvedNames.of(p.baseline(), alsoChanges)));
        checks.add(
            new RewriteResult.VersionCheck(
                p.kubeVersion(), verified.getOrDefault(p.kubeVersion(), 0)));
      }
      return UpgradePlans.merge(results, checks);
    } catch (RenderException e) {
      throw new KatafraktosException(chart, e.getMessage(), e);
    } catch (ManifestParseException e) {
      throw new KatafraktosException(chart, e.getMessage(), e);
    }
  }

  /** The versions to prove the rewrite on: the request's, or the one of its render options. */
  private List<String> versions() {
    return request.kubeVersions().isEmpty()
        ? java.util.Collections.singletonList(request.render().kubeVersion())
        : request.kubeVersions();
  }

  /** Renders and traces the chart on one version, and plans the edits that move its images. */
  private VersionPlan plan(ChartRenderer renderer, EditedValues files, String version)
      throws RenderException, ManifestParseException, KatafraktosException {
    RenderedManifest baseline;
    try {
      baseline = render(renderer, files.forRendering(), true, version);
    } catch (RenderException e) {
      if (request.kubeVersions().isEmpty()) {
        throw e;
      }
      throw fail("on Kubernetes " + version + ": " + e.getMessage());
    }
    Provenance provenance = untraced(baseline);
    if (!Targets.of(provenance.images(), mappings).targets().isEmpty()) {
      provenance =
          ProvenanceTracer.trace(
              baseline,
              extra -> render(renderer, concat(files.forRendering(), extra), false, version),
              workDir,
              this::canMoveAll);
    }
    Targets targets = Targets.of(provenance.images(), mappings);
    Map<ImageSite, String> goals = targets.targets();
    MovePlan plan = MovePlanner.plan(provenance.images(), goals);
    if (request.pinDigests()) {
      Map<ImageSite, String> pinned = DigestPins.pin(provenance.images(), goals, request, warnings);
      MovePlan pinnedPlan = MovePlanner.plan(provenance.images(), pinned);
      // where no value can carry the digest, move the image unpinned rather than not at all
      Map<ImageSite, String> fallback = new LinkedHashMap<>(pinned);
      for (ImageSite site : pinnedPlan.unmovable().keySet()) {
        if (!plan.unmovable().containsKey(site) && !pinned.get(site).equals(goals.get(site))) {
          fallback.put(site, goals.get(site));
          warnings.add(
              "cannot pin " + goals.get(site) + ": no value controls its digest; moved unpinned");
        }
      }
      goals = fallback;
      plan = MovePlanner.plan(provenance.images(), goals);
    }
    return new VersionPlan(version, baseline, provenance, targets, goals, plan);
  }

  /** Verifies the edited files of one attempt. */
  @FunctionalInterface
  private interface Check {
    List<RenderDiff.CarriedChange> verify(EditedValues files)
        throws RenderException, ManifestParseException, KatafraktosException;
  }

  /**
   * One verified attempt: the files edited, the file each planned value went to, and the fields
   * that changed because they carry an edited value.
   */
  private record Applied(
      EditedValues files, Map<ValuePath, Path> where, List<RenderDiff.CarriedChange> carried) {}

  /**
   * Verifies on every version: each version's render with the edited files against its baseline.
   */
  private Check check(
      ChartRenderer renderer, List<VersionPlan> plans, Map<ValuePath, String> edits) {
    if (plans.size() == 1) {
      VersionPlan p = plans.get(0);
      return files -> verify(renderer, p, files, edits, "");
    }
    return files -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      Set<RenderDiff.CarriedChange> carried = new LinkedHashSet<>();
      for (VersionPlan p : plans) {
        int before = renders;
        carried.addAll(verify(renderer, p, files, edits, " on Kubernetes " + p.kubeVersion()));
        counts.put(p.kubeVersion(), renders - before);
      }
      verified = counts;
      return List.copyOf(carried);
    };
  }

  /** Sets {@code edits} in {@code files}, each under its {@code writtenAs} name, and verifies. */
  private static Applied apply(
      EditedValues files,
      Map<ValuePath, Object> edits,
      Map<ValuePath, ValuePath> writtenAs,
      Map<String, Object> effective,
      Check check)
      throws RenderException, ManifestParseException, KatafraktosException {
    Map<ValuePath, Object> written = new LinkedHashMap<>();
    edits.forEach((path, value) -> written.put(writtenAs.getOrDefault(path, path), value));
    Map<ValuePath, Path> in = files.apply(written, effective);
    List<RenderDiff.CarriedChange> carried = check.verify(files);
    Map<ValuePath, Path> where = new LinkedHashMap<>();
    edits.keySet().forEach(path -> where.put(path, in.get(writtenAs.getOrDefault(path, path))));
    return new Applied(files, where, carried);
  }

  /**
   * Paths under a top-level key that marks internal defaults (a leading {@code _}) with the key
   * dropped: what the user would set.
   */
  private static Map<ValuePath, ValuePath> userPaths(Set<ValuePath> paths) {
    Map<ValuePath, ValuePath> out = new LinkedHashMap<>();
    for (ValuePath path : paths) {
      List<String> keys = path.keys();
      if (keys.size() > 1 && keys.get(0).startsWith("_") && !ValuePath.isIndex(keys.get(1))) {
        out.put(path, new ValuePath(keys.subList(1, keys.size())));
      }
    }
    return out;
  }

  /**
   * Whether every image with a target can be moved with what is traced: then no further round of
   * marked renders is needed. Pinning digests needs the empty digest values, which later rounds
   * find.
   */
  private boolean canMoveAll(List<TracedImage> images) {
    return !request.pinDigests()
        && MovePlanner.plan(images, Targets.of(images, mappings).targets()).unmovable().isEmpty();
  }

  /** The images of the baseline without tracing: nothing to move means nothing to trace. */
  private static Provenance untraced(RenderedManifest baseline) throws ManifestParseException {
    List<TracedImage> images = new ArrayList<>();
    ImageSite.locate(baseline)
        .forEach((site, o) -> images.add(new TracedImage(site, o, List.of(), false)));
    return new Provenance(images, 1, false, List.of());
  }

  private RenderedManifest render(
      ChartRenderer renderer, List<Path> valuesFiles, boolean dump, String kubeVersion)
      throws RenderException {
    renders++;
    return renderer.render(
        Katafraktos.renderRequest(request.chart(), request.render(), valuesFiles)
            .kubeVersion(kubeVersion)
            .dumpValues(dump)
            .build());
  }

  /**
   * Renders with the edited files; any image or field that is not as planned fails the rewrite.
   *
   * @return the fields besides the images that changed because they carry an edited value
   */
  private List<RenderDiff.CarriedChange> verify(
      ChartRenderer renderer,
      VersionPlan version,
      EditedValues files,
      Map<ValuePath, String> edited,
      String on)
      throws RenderException, ManifestParseException, KatafraktosException {
    if (!files.changed()) {
      return List.of();
    }
    RenderedManifest baseline = version.baseline();
    Provenance provenance = version.provenance();
    Map<ImageSite, String> goals = version.goals();
    MovePlan plan = version.plan();
    RenderedManifest after;
    try {
      after = render(renderer, files.writeCopies(workDir), false, version.kubeVersion());
    } catch (RenderException e) {
      throw fail(
          "the chart does not render with the edited values"
              + on
              + ", nothing was written: "
              + e.getMessage());
    }
    Map<ImageSite, String> rendered = Verification.images(after);
    List<String> problems = new ArrayList<>();
    Map<String, String> moves = new LinkedHashMap<>();
    Map<ImageSite, String> movedSites = new LinkedHashMap<>();
    for (TracedImage image : provenance.images()) {
      boolean moves_ = plan.movedBy().containsKey(image.site());
      String expected = moves_ ? goals.get(image.site()) : image.image();
      String actual = rendered.get(image.site());
      if (moves_) {
        moves.put(image.image(), expected);
        movedSites.put(image.site(), image.image());
      }
      if (!expected.equals(actual)) {
        problems.add(
            image.image()
                + " ("
                + image.site().source()
                + " "
                + image.site().path()
                + ") renders as "
                + actual
                + ", expected "
                + expected);
      }
    }
    List<RenderDiff.CarriedChange> carried = List.of();
    if (problems.isEmpty()) {
      RenderDiff.Outcome outcome =
          Verification.otherChanges(
              baseline,
              after,
              new RenderDiff.Expected(movedSites, moves, provenance.carried(), edited),
              () -> render(renderer, files.forRendering(), false, version.kubeVersion()));
      problems.addAll(outcome.unexplained());
      carried = outcome.carried();
    }
    if (!problems.isEmpty()) {
      throw fail(
          "the rewrite does not verify"
              + on
              + ", nothing was written: "
              + Verification.firstFive(problems));
    }
    return carried;
  }

  private KatafraktosException fail(String message) {
    return new KatafraktosException(chart, "Cannot rewrite " + chart + ": " + message, null);
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing a rewrite for
    }
  }

  static Optional<ImageRef> parse(String image) {
    return ImageRef.tryParseNormalized(image);
  }
}
