package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Copies images between registries so that the target holds the same bytes under the same digests:
 * every manifest (index or list, each child, signatures) is written back exactly as the source
 * served it, children before their index and the tag last, so a run that stops midway leaves no tag
 * pointing at something incomplete and the next run finishes it.
 *
 * <p>Blobs go the cheapest way: nothing when the target repository has them, a cross-repository
 * mount when this run put them in another repository of the target, else streamed from the source
 * to the target without being held in memory, their digest checked on the way. At most {@code jobs}
 * images and {@code jobs} blobs move at a time, and a blob several images share moves once.
 *
 * <p>At a registry whose pulls are counted ({@link RegistrySettings#headOnlyRegistries()}, Docker
 * Hub), every manifest GET is a pull: the plan uses HEADs only, the copy takes its GETs from a
 * budget ({@link #limitPulls}) and the run stops starting images once it is spent or the registry
 * answers 429.
 */
public final class ImageCopier implements AutoCloseable {
  /** cosign's tags for a digest's signature, attestations and SBOM. */
  private static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final RegistryTransport transport;
  private final Options options;
  private final Map<String, Distribution> registries = new ConcurrentHashMap<>();
  private final Map<String, Distribution.Manifest> read = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pullsLeft = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> blobsAt = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> written = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> tagLists = new ConcurrentHashMap<>();
  private final Set<String> noReferrersApi = ConcurrentHashMap.newKeySet();
  private final ExecutorService images;
  private final ExecutorService blobs;
  private volatile String stopped;

  /**
   * How to copy.
   *
   * @param platforms {@code os/arch[/variant]} to keep of an index (empty: the whole index); a
   *     digest-pinned index is always copied whole
   * @param signatures also copy cosign signature tags and OCI referrers
   * @param jobs images, and blobs, moved at a time
   */
  public record Options(List<String> platforms, boolean signatures, int jobs) {
    public Options {
      platforms = List.copyOf(platforms);
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(List.of(), true, 4);
    }
  }

  ImageCopier(RegistryTransport transport, Options options) {
    this.transport = transport;
    this.options = options;
    int id = POOLS.incrementAndGet();
    this.images = Executors.newFixedThreadPool(options.jobs(), daemon("katafraktos-copy-" + id));
    this.blobs = Executors.newFixedThreadPool(options.jobs(), daemon("katafraktos-blob-" + id));
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------------------------------- plan

  /**
   * What copying {@code source} to {@code target} would do: one HEAD at the target, and when it
   * lacks the image, a HEAD at the source and (unless the source counts pulls) its manifests.
   */
  public CopyPlan plan(ImageRef source, ImageRef target) {
    Distribution from = registry(source.domain());
    Distribution to = registry(target.domain());
    try {
      Optional<Distribution.Head> there = to.head(target.path(), pinned(target));
      if (there.isPresent()) {
        return new CopyPlan(
            source,
            target,
            CopyPlan.State.PRESENT,
            there.get().digest(),
            there.get().mediaType(),
            0,
            0,
            0,
            true,
            List.of(),
            null,
            target + " is there already",
            List.of());
      }
    } catch (IOException | CheckFailure | RuntimeException e) {
      return CopyPlan.failed(source, target, "Cannot check the target: " + message(e, to));
    }
    try {
      Optional<Distribution.Head> head = from.head(source.path(), pinned(source));
      if (head.isEmpty()) {
        return CopyPlan.failed(
            source, target, source + " not found at " + from.registry() + "; nothing to copy");
      }
      String digest = head.get().digest();
      if (digest != null && !SAFE_DIGEST.matcher(digest).matches()) {
        return CopyPlan.failed(
            source,
            target,
            from.registry() + " answered with a Docker-Content-Digest that is not a digest");
      }
      RateLimit limit = head.get().rateLimit();
      List<String> warnings = platformWarnings(source, head.get().mediaType());
      List<String> extras = options.signatures() ? extras(from, source, digest) : List.of();
      if (counted(from) || digest == null) {
        boolean index = isIndex(head.get().mediaType());
        int children = index ? Math.max(1, options.platforms().size()) : 0;
        int pulls = counted(from) ? 1 + children + extras.size() : 0;
        return new CopyPlan(
            source,
            target,
            CopyPlan.State.COPY,
            digest,
            head.get().mediaType(),
            0,
            -1,
            pulls,
            !index,
            extras,
            limit,
            null,
            warnings);
      }
      Tally tally = new Tally();
      Distribution.Manifest top =
          narrowed(readManifest(from, source.path(), digest, tally), source);
      walk(from, source.path(), top, tally, 0);
      for (String extra : extras) {
        walk(from, source.path(), readManifest(from, source.path(), extra, tally), tally, 0);
      }
      return new CopyPlan(
          source,
          target,
          CopyPlan.State.COPY,
          digest,
          top.mediaType(),
          tally.manifests.get() + 1,
          tally.bytes.get(),
          tally.pulls.get(),
          true,
          extras,
          limit,
          null,
          warnings);
    } catch (IOException | CheckFailure | RuntimeException e) {
      return CopyPlan.failed(source, target, "Cannot read the source: " + message(e, from));
    }
  }

  /**
   * Plans every pair ({@code source}, {@code target}), {@code jobs} at a time, telling {@code each}
   * about each plan as it is made.
   *
   * @return one plan per pair, in order
   */
  public List<CopyPlan> planAll(List<ImageRef[]> pairs, Consumer<CopyPlan> each) {
    List<Future<CopyPlan>> futures = new ArrayList<>();
    for (ImageRef[] pair : pairs) {
      futures.add(
          images.submit(
              () -> {
                CopyPlan plan = plan(pair[0], pair[1]);
                each.accept(plan);
                return plan;
              }));
    }
    return awaitAll(futures);
  }

  /** Counts the manifests below {@code m} and the bytes of its blobs (each blob once). */
  private void walk(
      Distribution from, String repository, Distribution.Manifest m, Tally tally, int depth)
      throws IOException, CheckFailure {
    JsonNode root = json(m);
    for (Descriptor child : children(root, from, depth)) {
      tally.manifests.incrementAndGet();
      walk(
          from,
          repository,
          readManifest(from, repository, child.digest(), tally),
          tally,
          depth + 1);
    }
    for (Descriptor blob : blobsOf(root, from)) {
      if (tally.blobs.add(blob.digest())) {
        tally.bytes.addAndGet(Math.max(blob.size(), 0));
      }
    }
  }

  /** Counters of one image's plan or copy. */
  private static final class Tally {
    final AtomicInteger manifests = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    final AtomicInteger pulls = new AtomicInteger();
    final AtomicInteger uploaded = new AtomicInteger();
    final AtomicInteger mounted = new AtomicInteger();
    final AtomicInteger present = new AtomicInteger();
    final AtomicLong sent = new AtomicLong();
    final Set<String> blobs = ConcurrentHashMap.newKeySet();

    /** How the copy of {@code plan} ended, with what these counters saw. */
    CopyOutcome outcome(
        CopyPlan plan, CopyOutcome.State state, String digest, List<String> extras, String why) {
      return new CopyOutcome(
          plan,
          state,
          digest,
          manifests.get(),
          uploaded.get(),
          mounted.get(),
          present.get(),
          sent.get(),
          pulls.get(),
          extras,
          why);
    }
  }

  /**
   * Signature, attestation and SBOM tags (cosign) and referrers (OCI 1.1: the API, else its
   * fallback tag) of {@code digest}, as manifest digests to copy; each found with a HEAD.
   */
  private List<String> extras(Distribution from, ImageRef source, String digest)
      throws IOException, CheckFailure {
    if (digest == null) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    String tagBase = digest.replace(':', '-');
    // one tag list per repository instead of a HEAD per tag and image
    Set<String> tags = tags(from, source.path());
    for (String suffix : COSIGN_SUFFIXES) {
      if (tags.contains(tagBase + suffix)) {
        found.add(tagBase + suffix);
      }
    }
    Optional<byte[]> referrers =
        noReferrersApi.contains(from.registry())
            ? Optional.empty()
            : from.referrers(source.path(), digest);
    if (referrers.isPresent()) {
      try {
        for (Descriptor d : children(RegistryJson.read(referrers.get()), from, 0)) {
          found.add(d.digest());
        }
      } catch (RegistryJson.UnreadableException e) {
        throw new CheckFailure(
            e.availability(), from.registry() + " sent referrers that are not JSON");
      }
    } else {
      // a registry with the API answers 200 even for a digest without referrers
      noReferrersApi.add(from.registry());
      if (tags.contains(tagBase)) {
        found.add(tagBase);
      }
    }
    found.remove("");
    return List.copyOf(found);
  }

  /** The tags of a source repository, listed once per run. */
  private Set<String> tags(Distribution from, String repository) throws IOException, CheckFailure {
    String key = from.registry() + "|" + repository;
    Set<String> tags = tagLists.get(key);
    if (tags == null) {
      tags = Set.copyOf(from.tags(repository));
      tagLists.put(key, tags);
    }
    return tags;
  }

  // ---------------------------------------------------------------------------------------- copy

  /**
   * From now on, at most {@code pulls} more manifest GETs at {@code registry} (one whose pulls are
   * counted); once they are spent, images not yet started are not started.
   */
  public void limitPulls(String registry, int pulls) {
    pullsLeft.put(registry, new AtomicInteger(pulls));
  }

  /**
   * Copies every planned image, {@code jobs} at a time, telling {@code each} about each outcome as
   * it ends; PRESENT and FAILED plans are passed through as they are.
   *
   * @param instead for a plan it answers (non-null), that outcome instead of a copy (a Harbor
   *     proxy-cache target is warmed or reported, never pushed to)
   * @return one outcome per plan, in plan order
   */
  public List<CopyOutcome> copyAll(
      List<CopyPlan> plans, Function<CopyPlan, CopyOutcome> instead, Consumer<CopyOutcome> each) {
    List<Future<CopyOutcome>> futures = new ArrayList<>();
    for (CopyPlan plan : plans) {
      futures.add(images.submit(() -> settle(plan, instead, each)));
    }
    return awaitAll(futures);
  }

  /**
   * Plans and copies each pair in one go, {@code jobs} at a time: an image is copied as soon as its
   * own plan is made, without waiting for the others'. Only for sources whose pulls are not counted
   * (no budget to check across the plans first).
   *
   * @return one outcome per pair, in order
   */
  public List<CopyOutcome> planAndCopy(
      List<ImageRef[]> pairs, Function<CopyPlan, CopyOutcome> instead, Consumer<CopyOutcome> each) {
    List<Future<CopyOutcome>> futures = new ArrayList<>();
    for (ImageRef[] pair : pairs) {
      futures.add(images.submit(() -> settle(plan(pair[0], pair[1]), instead, each)));
    }
    return awaitAll(futures);
  }

  private CopyOutcome settle(
      CopyPlan plan, Function<CopyPlan, CopyOutcome> instead, Consumer<CopyOutcome> each) {
    CopyOutcome outcome = instead.apply(plan);
    if (outcome == null) {
      outcome = copy(plan);
    }
    each.accept(outcome);
    return outcome;
  }

  private static <T> List<T> awaitAll(List<Future<T>> futures) {
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(await(f));
    }
    return results;
  }

  /** Copies one planned image (see the class comment for the order of writes). */
  public CopyOutcome copy(CopyPlan plan) {
    switch (plan.state()) {
      case PRESENT:
        return CopyOutcome.of(plan, CopyOutcome.State.PRESENT, plan.message());
      case FAILED:
        return CopyOutcome.of(plan, CopyOutcome.State.FAILED, plan.message());
      default:
        break;
    }
    String stop = stopped;
    if (stop != null) {
      return CopyOutcome.of(plan, CopyOutcome.State.NOT_STARTED, stop);
    }
    Distribution from = registry(plan.source().domain());
    Distribution to = registry(plan.target().domain());
    String sourceRepo = plan.source().path();
    String targetRepo = plan.target().path();
    Tally tally = new Tally();
    List<String> extras = new ArrayList<>();
    try {
      String reference = plan.digest() != null ? plan.digest() : pinned(plan.source());
      Distribution.Manifest top =
          narrowed(readManifest(from, sourceRepo, reference, tally), plan.source());
      // several tags of one image into one repository: its content is written once, by the first
      once(
          "image|" + to.registry() + "|" + targetRepo + "|" + top.digest(),
          () -> {
            writeBelow(from, sourceRepo, to, targetRepo, top, tally, 0);
            for (String extra : plan.extras()) {
              Distribution.Manifest m = readManifest(from, sourceRepo, extra, tally);
              writeBelow(from, sourceRepo, to, targetRepo, m, tally, 0);
              to.putManifest(targetRepo, extra, m, push(targetRepo));
              tally.manifests.incrementAndGet();
              extras.add(extra);
            }
          });
      String digest = to.putManifest(targetRepo, reference(plan.target()), top, push(targetRepo));
      tally.manifests.incrementAndGet();
      return tally.outcome(plan, CopyOutcome.State.COPIED, digest, extras, null);
    } catch (IOException | CheckFailure | RuntimeException e) {
      if (e instanceof Distribution.RateLimited && counted(from)) {
        stopped =
            "not started: "
                + from.registry()
                + " answered 429 (pull limit reached) earlier in this run";
      }
      // an image whose first GET the budget refused is not started; one it stops midway failed
      boolean notStarted = e instanceof BudgetSpent && tally.pulls.get() == 0;
      return tally.outcome(
          plan,
          notStarted ? CopyOutcome.State.NOT_STARTED : CopyOutcome.State.FAILED,
          null,
          extras,
          "Cannot copy " + plan.source() + ": " + message(e, from));
    }
  }

  /**
   * Pulls the image through the target (a Harbor proxy-cache project fetches and caches what is
   * pulled through it): every manifest and blob is read from the target and discarded.
   */
  public CopyOutcome warm(CopyPlan plan) {
    Distribution through = registry(plan.target().domain());
    String repo = plan.target().path();
    Tally tally = new Tally();
    try {
      Distribution.Manifest top = readManifest(through, repo, pinned(plan.target()), tally);
      drain(through, repo, top, tally, 0);
      return tally.outcome(plan, CopyOutcome.State.WARMED, top.digest(), List.of(), null);
    } catch (IOException | CheckFailure | RuntimeException e) {
      return CopyOutcome.of(
          plan,
          CopyOutcome.State.FAILED,
          "Cannot pull "
              + plan.target()
              + " through "
              + through.registry()
              + ": "
              + message(e, through));
    }
  }

  private void drain(
      Distribution through, String repo, Distribution.Manifest m, Tally tally, int depth)
      throws IOException, CheckFailure {
    JsonNode root = json(m);
    for (Descriptor child : children(root, through, depth)) {
      drain(through, repo, readManifest(through, repo, child.digest(), tally), tally, depth + 1);
    }
    for (Descriptor blob : blobsOf(root, through)) {
      try (InputStream in = through.blob(repo, blob.digest(), blob.size())) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  /**
   * Writes what {@code m} refers to: each child manifest (after what it refers to) under its digest
   * and each blob; not {@code m} itself.
   */
  private void writeBelow(
      Distribution from,
      String sourceRepo,
      Distribution to,
      String targetRepo,
      Distribution.Manifest m,
      Tally tally,
      int depth)
      throws IOException, CheckFailure {
    JsonNode root = json(m);
    for (Descriptor child : children(root, from, depth)) {
      once(
          "manifest|" + to.registry() + "|" + targetRepo + "|" + child.digest(),
          () -> {
            Distribution.Manifest c = readManifest(from, sourceRepo, child.digest(), tally);
            writeBelow(from, sourceRepo, to, targetRepo, c, tally, depth + 1);
            to.putManifest(targetRepo, child.digest(), c, push(targetRepo));
            tally.manifests.incrementAndGet();
          });
    }
    List<Future<Void>> moving = new ArrayList<>();
    for (Descriptor blob : blobsOf(root, from)) {
      String digest = blob.digest();
      long size = blob.size();
      if (tally.blobs.add(digest)) {
        moving.add(
            blobs.submit(
                () -> {
                  boolean mine =
                      once(
                          "blob|" + to.registry() + "|" + targetRepo + "|" + digest,
                          () -> copyBlob(from, sourceRepo, to, targetRepo, digest, size, tally));
                  if (!mine) {
                    tally.present.incrementAndGet();
                  }
                  return null;
                }));
      }
    }
    for (Future<Void> f : moving) {
      awaitBlob(f);
    }
  }

  /**
   * One blob to one target repository. The first task of the run to need a blob at the target moves
   * it; a task that needs it in another repository waits for that and mounts it from there.
   */
  private void copyBlob(
      Distribution from,
      String sourceRepo,
      Distribution to,
      String targetRepo,
      String digest,
      long size,
      Tally tally)
      throws IOException, CheckFailure {
    String key = to.registry() + "|" + digest;
    while (true) {
      CompletableFuture<String> mine = new CompletableFuture<>();
      CompletableFuture<String> owner = blobsAt.putIfAbsent(key, mine);
      if (owner == null) {
        try {
          if (to.hasBlob(targetRepo, digest, push(targetRepo))) {
            tally.present.incrementAndGet();
          } else {
            send(from, sourceRepo, to, targetRepo, digest, size, null, tally);
          }
          mine.complete(targetRepo);
          return;
        } catch (IOException | CheckFailure | RuntimeException e) {
          blobsAt.remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      String holder;
      try {
        holder = owner.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        blobsAt.remove(key, owner);
        continue; // the mover failed: try it here
      }
      if (holder.equals(targetRepo)) {
        tally.present.incrementAndGet();
        return;
      }
      send(from, sourceRepo, to, targetRepo, digest, size, holder, tally);
      return;
    }
  }

  /** Mounts the blob from {@code holder} when given and the target agrees, else streams it. */
  private void send(
      Distribution from,
      String sourceRepo,
      Distribution to,
      String targetRepo,
      String digest,
      long size,
      String holder,
      Tally tally)
      throws IOException, CheckFailure {
    List<String> scopes =
        holder == null
            ? push(targetRepo)
            : List.of(BearerTokens.pushScope(targetRepo), BearerTokens.pullScope(holder));
    Distribution.Upload upload = to.startUpload(targetRepo, digest, holder, scopes);
    if (upload.mounted()) {
      tally.mounted.incrementAndGet();
      return;
    }
    InputStream in = from.blob(sourceRepo, digest, size);
    to.upload(upload, targetRepo, digest, size, in, scopes);
    tally.uploaded.incrementAndGet();
    tally.sent.addAndGet(Math.max(size, 0));
  }

  // ------------------------------------------------------------------------------------- helpers

  /** A write to the target that throws what the copy throws. */
  @FunctionalInterface
  private interface Write {
    void run() throws IOException, CheckFailure;
  }

  /**
   * Runs {@code write} unless another task of this run did (or is doing) it: that one is waited
   * for. Two tasks writing the same blob link or manifest into one repository at once can make
   * distribution's filesystem storage read a half-written link (measured: {@code DIGEST_INVALID} on
   * a manifest PUT while two tags of one image were copied in parallel). A write that failed is
   * tried again by the next task that needs it.
   *
   * @return whether this task did the write
   */
  private boolean once(String key, Write write) throws IOException, CheckFailure {
    while (true) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> other = written.putIfAbsent(key, mine);
      if (other == null) {
        try {
          write.run();
          mine.complete(null);
          return true;
        } catch (IOException | CheckFailure | RuntimeException e) {
          written.remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        other.join();
        return false;
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        written.remove(key, other); // it failed there: try it here
      }
    }
  }

  private Distribution.Manifest readManifest(
      Distribution from, String repository, String reference, Tally tally)
      throws IOException, CheckFailure {
    boolean byDigest = reference.startsWith("sha256:");
    String key = from.registry() + "|" + reference;
    if (byDigest) {
      Distribution.Manifest cached = read.get(key);
      if (cached != null) {
        return cached;
      }
    }
    if (counted(from)) {
      spendPull(from);
      tally.pulls.incrementAndGet();
    }
    Distribution.Manifest m = from.get(repository, reference);
    read.put(from.registry() + "|" + m.digest(), m);
    return m;
  }

  private void spendPull(Distribution from) throws BudgetSpent {
    AtomicInteger left = pullsLeft.get(from.registry());
    if (left != null && left.getAndDecrement() <= 0) {
      String why = "the pull budget for " + from.registry() + " is spent";
      stopped = "not started: " + why;
      throw new BudgetSpent(why);
    }
  }

  /** What {@code --platform} does to an image with this media type, said before the copy. */
  private List<String> platformWarnings(ImageRef source, String mediaType) {
    if (options.platforms().isEmpty() || !isIndex(mediaType)) {
      return new ArrayList<>();
    }
    if (source.digest() != null) {
      return new ArrayList<>(
          List.of(
              source + " is pinned by digest: copied with all its platforms, --platform ignored"));
    }
    return new ArrayList<>(
        List.of(
            source
                + ": only "
                + String.join(", ", options.platforms())
                + " copied; the index at the target has another digest than the source's"));
  }

  /** The index without the platforms the options leave out, unless it is pinned by digest. */
  private Distribution.Manifest narrowed(Distribution.Manifest m, ImageRef source)
      throws CheckFailure {
    if (options.platforms().isEmpty() || !isIndex(m.mediaType()) || source.digest() != null) {
      return m;
    }
    ObjectNode root = (ObjectNode) json(m).deepCopy();
    ArrayNode kept = root.putArray("manifests");
    for (JsonNode child : json(m).path("manifests")) {
      JsonNode p = child.path("platform");
      String os = p.path("os").asText("");
      String arch = p.path("architecture").asText("");
      String variant = p.path("variant").asText("");
      String platform = os + "/" + arch;
      if (options.platforms().contains(platform)
          || options.platforms().contains(platform + "/" + variant)) {
        kept.add(child);
      }
    }
    if (kept.isEmpty()) {
      throw new CheckFailure(
          Availability.MISSING, source + " has none of the platforms " + options.platforms());
    }
    byte[] bytes = RegistryJson.write(root);
    return new Distribution.Manifest(m.mediaType(), bytes, ManifestProbe.sha256(bytes));
  }

  private static JsonNode json(Distribution.Manifest m) throws CheckFailure {
    try {
      return RegistryJson.read(m.bytes());
    } catch (RegistryJson.UnreadableException e) {
      throw new CheckFailure(e.availability(), "a manifest is not readable: " + e.getMessage());
    }
  }

  /** A content descriptor of a manifest: what to fetch and how many bytes it has (-1: unknown). */
  private record Descriptor(String digest, long size) {}

  /** The deepest nesting of indexes followed (an index of indexes is already rare). */
  private static final int MAX_DEPTH = 4;

  /**
   * Only these digests go into a URL: a descriptor's digest is the registry's text, and one such as
   * {@code ../../other/manifests/latest} would otherwise address another repository of the target.
   */
  private static final java.util.regex.Pattern SAFE_DIGEST =
      java.util.regex.Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

  /** The manifests an index lists, their digests checked. */
  private static List<Descriptor> children(JsonNode index, Distribution from, int depth)
      throws CheckFailure {
    List<Descriptor> result = new ArrayList<>();
    for (JsonNode child : index.path("manifests")) {
      result.add(descriptor(child, from));
    }
    if (!result.isEmpty() && depth >= MAX_DEPTH) {
      throw new CheckFailure(
          Availability.BLOCKED,
          from.registry() + " sent indexes nested deeper than " + MAX_DEPTH + "; not following");
    }
    return result;
  }

  /**
   * Config and layers of an image manifest, their digests checked; foreign (non-distributable)
   * layers, which name URLs outside the registry, are not copied.
   */
  private static List<Descriptor> blobsOf(JsonNode manifest, Distribution from)
      throws CheckFailure {
    List<Descriptor> result = new ArrayList<>();
    if (manifest.has("config") && manifest.path("config").has("digest")) {
      result.add(descriptor(manifest.path("config"), from));
    }
    for (JsonNode layer : manifest.path("layers")) {
      String type = layer.path("mediaType").asText("");
      boolean foreign =
          (type.contains("foreign") || type.contains("nondistributable")) && layer.has("urls");
      if (!foreign) {
        result.add(descriptor(layer, from));
      }
    }
    return result;
  }

  private static Descriptor descriptor(JsonNode node, Distribution from) throws CheckFailure {
    String digest = node.path("digest").asText("");
    if (!SAFE_DIGEST.matcher(digest).matches()) {
      throw new CheckFailure(
          Availability.BLOCKED,
          from.registry()
              + " sent a manifest naming a digest that is not sha256 or sha512 hex; not"
              + " following it");
    }
    return new Descriptor(digest, node.path("size").asLong(-1));
  }

  private static boolean isIndex(String mediaType) {
    return ManifestPlatforms.OCI_INDEX.equals(mediaType)
        || ManifestPlatforms.DOCKER_LIST.equals(mediaType);
  }

  private boolean counted(Distribution registry) {
    return transport.settings().headOnlyRegistries().contains(registry.registry());
  }

  private static List<String> push(String repository) {
    return List.of(BearerTokens.pushScope(repository));
  }

  /**
   * What names exactly the image a reference means: its digest when it has one (a tag next to a
   * digest is not what is pulled), else its tag.
   */
  private static String pinned(ImageRef ref) {
    return ref.digest() != null ? ref.digest() : reference(ref);
  }

  /** Where the image is written at the target: its tag when it has one, else its digest. */
  private static String reference(ImageRef ref) {
    if (ref.tag() != null) {
      return ref.tag();
    }
    return ref.digest() != null ? ref.digest() : ImageRef.DEFAULT_TAG;
  }

  private Distribution registry(String domain) {
    return registries.computeIfAbsent(
        domain, d -> new Distribution(new RegistryEndpoint(d, transport), transport));
  }

  private static String message(Exception e, Distribution registry) {
    if (e instanceof CheckFailure || e instanceof RuntimeException) {
      return e.getMessage() != null ? e.getMessage() : e.toString();
    }
    if (e instanceof RegistryEndpoint.RegistryDownException) {
      return e.getMessage();
    }
    // the upload fails with the client's own exception when the stream it reads refuses the bytes
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VerifiedBlobStream.BlobMismatchException
          || t instanceof IdleGuard.StalledException) {
        return t.getMessage() + "; nothing was completed at the target";
      }
    }
    return Failures.describe(registry.registry(), (IOException) e, registry.settings());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("image copy failed unexpectedly", e.getCause());
    }
  }

  private static void awaitBlob(Future<Void> f) throws IOException, CheckFailure {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while copying a blob");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof CheckFailure cf) {
        throw cf;
      }
      throw new IllegalStateException("blob copy failed unexpectedly", cause);
    }
  }

  /** The run's pull budget is spent. */
  private static final class BudgetSpent extends CheckFailure {
    private static final long serialVersionUID = 1L;

    BudgetSpent(String message) {
      super(Availability.ERROR, message);
    }
  }

  @Override
  public void close() {
    images.shutdownNow();
    blobs.shutdownNow();
    transport.close();
  }
}
