package dev.katafraktos.api;

import dev.katafraktos.extract.ImageExtractor;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.render.ChartRenderer;
import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderRequest;
import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.render.Renderers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The library's entry point: what the CLI and the Maven plugin call, and what other tools embed.
 *
 * <pre>{@code
 * Inventory inventory = Katafraktos.create().list(ListRequest.of(
 *     List.of(Path.of("charts/app")), RenderOptions.builder().namespace("prod").build()));
 * }</pre>
 */
public final class Katafraktos {
  private final ImageExtractor extractor = new ImageExtractor();

  private Katafraktos() {}

  public static Katafraktos create() {
    return new Katafraktos();
  }

  /**
   * Renders every release (in parallel) and lists the images each would deploy.
   *
   * <p>A release of a release set ({@link Release#declared()}) that cannot be rendered is reported
   * in {@link Inventory#failures()}; the others are still listed.
   *
   * @throws KatafraktosException for the first release named directly, in request order, that
   *     cannot be rendered or whose output is not valid YAML
   */
  public Inventory list(ListRequest request) throws KatafraktosException {
    List<Release> releases = request.releases();
    List<String> names = displayNames(releases);
    List<ChartInventory> charts = new ArrayList<>();
    List<RenderFailure> failures = new ArrayList<>();
    Map<List<Object>, ChartRenderer> renderers = new HashMap<>();
    // each release is extracted as soon as it is rendered, while others still render
    int threads =
        Math.max(1, Math.min(releases.size(), 2 * Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Katafraktos::daemon);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < releases.size(); i++) {
        Release release = releases.get(i);
        ChartRenderer renderer = renderer(renderers, release.render());
        RenderRequest render = renderRequest(release.chart(), release.render());
        String name = names.get(i);
        futures.add(
            pool.submit(() -> inventoryOrFailure(renderer, render, name, release.declared())));
      }
      for (int i = 0; i < futures.size(); i++) {
        Object outcome = join(futures.get(i));
        dev.katafraktos.model.Release declared = releases.get(i).declared();
        if (outcome instanceof KatafraktosException failure) {
          if (declared == null) {
            throw failure;
          }
          failures.add(new RenderFailure(names.get(i), declared, failure.getMessage()));
        } else {
          charts.add((ChartInventory) outcome);
        }
      }
    } finally {
      pool.shutdownNow();
      renderers.values().forEach(ChartRenderer::close);
    }
    return new Inventory(charts, failures);
  }

  /** One renderer per kind and helm binary, shared by the releases that ask for it. */
  private static ChartRenderer renderer(
      Map<List<Object>, ChartRenderer> open, RenderOptions options) throws KatafraktosException {
    List<Object> key = Arrays.asList(options.renderer(), options.helmBinary());
    ChartRenderer renderer = open.get(key);
    if (renderer == null) {
      renderer = renderer(options);
      open.put(key, renderer);
    }
    return renderer;
  }

  /**
   * How the inventory names each release: its display name, and where several releases share one,
   * the namespace and release name as well, so that their reports can be told apart.
   */
  private static List<String> displayNames(List<Release> releases) {
    Map<String, Long> counts =
        releases.stream()
            .collect(Collectors.groupingBy(Release::displayName, Collectors.counting()));
    return releases.stream()
        .map(
            r ->
                counts.get(r.displayName()) == 1
                    ? r.displayName()
                    : r.displayName()
                        + " ("
                        + (r.render().namespace() == null ? "default" : r.render().namespace())
                        + "/"
                        + (r.render().release() == null ? "release-name" : r.render().release())
                        + ")")
        .toList();
  }

  private Object inventoryOrFailure(
      ChartRenderer renderer,
      RenderRequest render,
      String name,
      dev.katafraktos.model.Release declared) {
    try {
      return inventory(renderer.render(render), render.kubeVersion(), name, declared);
    } catch (RenderException e) {
      return new KatafraktosException(name, e.getMessage(), e);
    } catch (KatafraktosException e) {
      return e;
    }
  }

  private static Object join(Future<Object> future) throws KatafraktosException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KatafraktosException(null, "Interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "katafraktos-list");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Lists the images, checks each one and its mapped target against the registries (unless
   * offline), and applies the policy. Findings are data: an audit with findings returns normally.
   *
   * @throws KatafraktosException when a chart cannot be rendered or the registry configuration is
   *     unusable (a CA file that is not PEM, a credential variable that is not set)
   */
  public AuditResult audit(AuditRequest request) throws KatafraktosException {
    return audit(request, AuditProgress.NONE);
  }

  /** Like {@link #audit(AuditRequest)}, reporting the registry checks' progress. */
  public AuditResult audit(AuditRequest request, AuditProgress progress)
      throws KatafraktosException {
    Inventory inventory = list(ListRequest.ofReleases(request.releases()));
    return Auditor.audit(inventory, request, progress);
  }

  /**
   * Copies the images of the releases that a mapping sends to another registry (Harbor) and that it
   * lacks, digest-identically: manifests byte for byte, blobs mounted or streamed, signatures
   * along. Failures of single images are data: a run with failures returns normally.
   *
   * @throws KatafraktosException when a chart cannot be rendered, the registry configuration is
   *     unusable, or a target Harbor lacks a project the mappings name
   */
  public MirrorResult mirror(MirrorRequest request) throws KatafraktosException {
    return mirror(request, MirrorProgress.NONE);
  }

  /** Like {@link #mirror(MirrorRequest)}, reporting the plan's and the copy's progress. */
  public MirrorResult mirror(MirrorRequest request, MirrorProgress progress)
      throws KatafraktosException {
    Inventory inventory = list(ListRequest.ofReleases(request.releases()));
    return Mirrorer.mirror(inventory, request, progress);
  }

  /**
   * Rewrites the values of one chart so that every image a mapping covers comes from its target;
   * the edits are verified by rendering the chart with them before anything is written.
   *
   * @throws KatafraktosException when the chart cannot be rendered, a values file cannot be read,
   *     parsed or written, or the rewrite does not verify (then nothing is written)
   */
  public RewriteResult rewrite(RewriteRequest request) throws KatafraktosException {
    return Rewriter.rewrite(request);
  }

  /**
   * Rewrites every release of {@code set}, one after another (in place unless {@code dryRun}); a
   * release that cannot be rewritten is reported in the result and the others still are.
   *
   * @param base renderer settings for every release (see {@link ReleaseSet#releases})
   * @throws KatafraktosException when inline values cannot be written to temporary files
   */
  public ReleaseSetRewrite rewrite(
      ReleaseSet set,
      RenderOptions base,
      AuditConfig config,
      boolean dryRun,
      boolean pinDigests,
      RegistryLogin credentials)
      throws KatafraktosException {
    return rewrite(set, base, config, dryRun, pinDigests, credentials, List.of());
  }

  /**
   * Rewrites every release of {@code set} as {@link #rewrite(ReleaseSet, RenderOptions,
   * AuditConfig, boolean, boolean, RegistryLogin)} does, each one proven on every one of {@code
   * kubeVersions} (see {@link RewriteRequest#kubeVersions()}) when there are several: they replace
   * the releases' own.
   */
  public ReleaseSetRewrite rewrite(
      ReleaseSet set,
      RenderOptions base,
      AuditConfig config,
      boolean dryRun,
      boolean pinDigests,
      RegistryLogin credentials,
      List<String> kubeVersions)
      throws KatafraktosException {
    return ReleaseSetRewrite.run(set, base, config, dryRun, pinDigests, credentials, kubeVersions);
  }

  /**
   * Discovers the releases under {@code dir} (in a git repository), rewrites them in a temporary
   * copy of {@code branch} (or of HEAD, for a new branch) and commits the changed files to {@code
   * branch} ({@code null}: {@code katafraktos/images-<HEAD's short id>}). HEAD, the index and the
   * working tree are not touched; nothing is pushed.
   *
   * @throws KatafraktosException {@code dir} is not in a git repository or has uncommitted changes,
   *     the branch is checked out or has moved; nothing was changed
   */
  public CommittedRewrite rewriteAndCommit(
      Path dir,
      String branch,
      RenderOptions base,
      AuditConfig config,
      boolean pinDigests,
      RegistryLogin credentials)
      throws KatafraktosException {
    return rewriteAndCommit(dir, branch, base, config, pinDigests, credentials, List.of());
  }

  /**
   * As {@link #rewriteAndCommit(Path, String, RenderOptions, AuditConfig, boolean, RegistryLogin)},
   * each release proven on every one of {@code kubeVersions}.
   */
  public CommittedRewrite rewriteAndCommit(
      Path dir,
      String branch,
      RenderOptions base,
      AuditConfig config,
      boolean pinDigests,
      RegistryLogin credentials,
      List<String> kubeVersions)
      throws KatafraktosException {
    return CommittedRewrite.run(
        this, dir, branch, base, config, pinDigests, credentials, kubeVersions);
  }

  private ChartInventory inventory(
      RenderedManifest manifest,
      String kubeVersion,
      String name,
      dev.katafraktos.model.Release declared)
      throws KatafraktosException {
    List<ImageOccurrence> occurrences;
    List<KubeObject> objects = new ArrayList<>();
    try {
      occurrences = extractor.extract(manifest, objects::add);
    } catch (ManifestParseException e) {
      throw new KatafraktosException(name, e.getMessage(), e);
    }
    Map<String, List<ImageOccurrence>> byImage = new LinkedHashMap<>();
    List<ImageOccurrence> unresolved = new ArrayList<>();
    for (ImageOccurrence occurrence : occurrences) {
      if (occurrence.image() == null) {
        unresolved.add(occurrence);
      } else {
        byImage.computeIfAbsent(occurrence.image(), k -> new ArrayList<>()).add(occurrence);
      }
    }
    List<InventoryImage> images = new ArrayList<>();
    byImage.forEach(
        (image, uses) ->
            images.add(
                new InventoryImage(
                    image,
                    ImageRef.tryParseNormalized(image).map(ImageRef::withDefaultTag).orElse(null),
                    uses)));
    images.sort(Comparator.comparing(InventoryImage::image));
    return new ChartInventory(
        name,
        manifest.chartName(),
        manifest.release(),
        manifest.namespace(),
        images,
        unresolved,
        declared,
        kubeVersion,
        objects);
  }

  static RenderRequest renderRequest(Path chart, RenderOptions options) {
    return renderRequest(chart, options, options.valuesFiles()).build();
  }

  /** What {@code options} ask of the renderer, with {@code valuesFiles} for the options' own. */
  static RenderRequest.Builder renderRequest(
      Path chart, RenderOptions options, List<Path> valuesFiles) {
    return RenderRequest.builder(chart)
        .release(options.release())
        .namespace(options.namespace())
        .valuesFiles(valuesFiles)
        .set(options.set())
        .setString(options.setString())
        .kubeVersion(options.kubeVersion())
        .apiVersions(options.apiVersions())
        .includeCrds(options.includeCrds())
        .skipTests(options.skipTests());
  }

  static ChartRenderer renderer(RenderOptions request) throws KatafraktosException {
    if (request.renderer() == RendererKind.EMBEDDED) {
      return Renderers.embedded();
    }
    try {
      return Renderers.helmBinary(request.helmBinary());
    } catch (RenderException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
  }
}
