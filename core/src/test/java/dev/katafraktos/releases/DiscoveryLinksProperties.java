package dev.katafraktos.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.ReleaseSet;
import dev.katafraktos.api.ReleaseSetRewrite;
import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.model.Release;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.PropertyRuns;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Discovery on generated repositories full of symbolic links: charts, values files, Argo CD
 * Applications, Flux HelmReleases and helmfiles in a few directories, and links among them and to a
 * directory beside the repository (files, charts, Applications), dangling, to themselves and to
 * their parents. Whatever the tree: discovery returns, every chart (with every file in it), values
 * file and declaring file it hands out has its real path inside the repository's, in a tree from
 * git no path goes through a link at all, and a rewrite of what it found writes nothing outside.
 *
 * <p>The oracle resolves paths with {@link Path#toRealPath} and {@link Files#walkFileTree}, not
 * with {@link RepoRoot}. CI runs {@link PropertyRuns}' bounded default (the rewrite property, which
 * renders, fewer); a longer run: {@code mvn -B -pl core test -Dtest='*Properties'
 * -Dkatafraktos.tries=20000}.
 */
class DiscoveryLinksProperties {
  private static final List<String> DIRS = List.of("", "a", "b", "a/b", "charts", "charts/a");
  private static final List<String> CHARTS = List.of("web", "api");
  private static final List<String> VALUES =
      List.of("values-prod.yaml", "prod.yaml", "values.yaml");
  private static final List<String> LINKS =
      List.of(
          "web",
          "api",
          "a",
          "b",
          "charts",
          "values-prod.yaml",
          "prod.yaml",
          "values.yaml",
          "Chart.yaml",
          "templates",
          "app.yaml",
          "web-0.1.0.tgz");
  // what declarations name: charts by path from the root, values relative or from the root
  private static final List<String> CHART_REFS = chartRefs();
  private static final List<String> VALUES_REFS =
      List.of(
          "values-prod.yaml",
          "prod.yaml",
          "../prod.yaml",
          "../../a/prod.yaml",
          "/prod.yaml",
          "/a/prod.yaml",
          "/b/values-prod.yaml",
          "/a/b/prod.yaml",
          "/charts/values-prod.yaml");
  private static final String TEMPLATE =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n"
          + "spec:\n  containers:\n    - name: c\n      image: {{ .Values.image | quote }}\n";

  /** One step of building a tree; the numbers pick from the lists above. */
  record Op(int kind, int dir, int name, int target, int ref1, int ref2) {}

  /** 1 to 16 steps. */
  static Gen<List<Op>> trees() {
    Gen<Integer> pick = integers().between(0, 999);
    Gen<Op> op =
        integers()
            .between(0, 7)
            .zip(
                integers().between(0, DIRS.size() - 1),
                pick,
                pick,
                (kind, dir, name, target) -> new int[] {kind, dir, name, target})
            .zip(pick, pick, (k, ref1, ref2) -> new Op(k[0], k[1], k[2], k[3], ref1, ref2));
    return lists().of(op).ofSizeBetween(1, 16);
  }

  @Test
  void discover_randomTreeWithLinks_everyPathItHandsOutIsInside() {
    // the generator must keep making trees worth checking: releases found, links refused
    int[] tries = new int[1];
    int[] withReleases = new int[1];
    int[] skippedForALink = new int[1];

    PropertyRuns.qt()
        .forAll(trees())
        .checkAssert(
            ops -> {
              tries[0]++;
              Discovery found = PropertyRuns.unchecked(() -> discoverEverythingInside(ops));
              withReleases[0] += found.releases().isEmpty() ? 0 : 1;
              skippedForALink[0] +=
                  found.skipped().stream().anyMatch(DiscoveryLinksProperties::link) ? 1 : 0;
            });

    assertThat(withReleases[0] * 100.0 / tries[0])
        .as("%% of %d trees in which discovery found releases", tries[0])
        .isGreaterThanOrEqualTo(30);
    assertThat(skippedForALink[0] * 100.0 / tries[0])
        .as("%% of %d trees in which discovery skipped something for a link", tries[0])
        .isGreaterThanOrEqualTo(25);
  }

  /** Discovery of the tree {@code ops} builds, from the directory and from git: all inside. */
  private static Discovery discoverEverythingInside(List<Op> ops) throws Exception {
    Path temp = Files.createTempDirectory("katafraktos-links-");
    try {
      Path repo = build(temp, ops);
      Path realRoot = repo.toRealPath();

      Discovery found = ReleaseDiscovery.discover(repo); // throws nothing: it is a directory

      for (Release r : found.releases()) {
        assertChartInside(r.chart(), realRoot);
        for (Path values : r.valuesFiles()) {
          assertThat(values.toRealPath()).as("values file %s", values).startsWith(realRoot);
        }
        assertThat(r.origin().file().toRealPath()).startsWith(realRoot);
      }
      for (Skipped s : found.skipped()) {
        assertThat(s.reason()).as("one line").doesNotContain("\n");
      }

      Discovery fromGit = ReleaseDiscovery.discover(RepoRoot.gitTree(repo));
      for (Release r : fromGit.releases()) {
        assertNoLinkOnTheWay(repo, r.chart());
        r.valuesFiles().forEach(v -> assertNoLinkOnTheWay(repo, v));
        assertChartInside(r.chart(), realRoot);
      }
      return found;
    } finally {
      delete(temp);
    }
  }

  /** Renders every release found (helm embedded), so fewer tries: {@code PropertyRuns.qt(15)}. */
  @Test
  void rewrite_randomTreeWithLinks_writesNothingOutside() {
    int[] tries = new int[1];
    int[] rewrote = new int[1];

    PropertyRuns.qt(15)
        .forAll(trees())
        .checkAssert(
            ops -> {
              tries[0]++;
              boolean changed = PropertyRuns.unchecked(() -> rewriteWritesNothingOutside(ops));
              rewrote[0] += changed ? 1 : 0;
            });

    assertThat(rewrote[0])
        .as("of %d trees, those in which the rewrite changed a file", tries[0])
        .isGreaterThanOrEqualTo(1);
  }

  /** Whether the rewrite of the tree {@code ops} builds changed a file; all it wrote is inside. */
  private static boolean rewriteWritesNothingOutside(List<Op> ops) throws Exception {
    Path temp = Files.createTempDirectory("katafraktos-links-");
    try {
      Path repo = build(temp, ops);
      Path realRoot = repo.toRealPath();
      Map<String, String> outsideBefore = snapshot(temp.resolve("outside"));
      AuditConfig config =
          AuditConfig.builder().mapping(Mapping.parse("docker.io=harbor.x/dh")).build();

      ReleaseSetRewrite result;
      try (ReleaseSet set = ReleaseSet.discover(repo)) {
        result =
            Katafraktos.create().rewrite(set, RenderOptions.defaults(), config, false, false, null);
      }

      assertThat(snapshot(temp.resolve("outside"))).isEqualTo(outsideBefore);
      for (Path changed : result.changedFiles()) {
        assertThat(changed.toRealPath()).startsWith(realRoot);
      }
      return !result.changedFiles().isEmpty();
    } finally {
      delete(temp);
    }
  }

  private static boolean link(Skipped s) {
    return s.reason().contains("symbolic link");
  }

  // ---- the tree ----

  /** {@code temp/repo} built by {@code ops}, beside {@code temp/outside}. */
  private static Path build(Path temp, List<Op> ops) throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    write(outside.resolve("values.yaml"), "image: nginx:1.27.4\n");
    write(outside.resolve("secret.txt"), "s3cr3t\n");
    chart(outside.resolve("web"));
    write(
        outside.resolve("apps/app.yaml"),
        argo("stolen", "web", "[values.yaml]")); // read as the repository's, it would use these
    Path repo = Files.createDirectories(temp.resolve("repo"));
    for (Op op : ops) {
      String dir = DIRS.get(op.dir());
      if (!creatable(repo, dir)) {
        continue;
      }
      Path d = repo.resolve(dir);
      switch (op.kind()) {
        case 0 -> chart(fresh(repo, d.resolve(CHARTS.get(op.name() % CHARTS.size()))));
        case 1 ->
            write(
                fresh(repo, d.resolve(VALUES.get(op.name() % VALUES.size()))),
                "image: nginx:1.27.4\n");
        case 2 ->
            write(
                fresh(repo, d.resolve("app-" + op.name() % 3 + ".yaml")),
                argo(
                    "app" + op.name(),
                    pick(CHART_REFS, op.ref1()),
                    op.ref2() % 4 == 0 ? "[]" : "[" + pick(VALUES_REFS, op.ref2()) + "]"));
        case 3 ->
            write(
                fresh(repo, d.resolve("hr-" + op.name() % 3 + ".yaml")),
                flux(
                    "hr" + op.name(),
                    "./" + pick(CHART_REFS, op.ref1()),
                    op.ref2() % 4 == 0
                        ? "[]"
                        : "[" + rootRelative(pick(VALUES_REFS, op.ref2())) + "]"));
        case 4 ->
            write(
                fresh(repo, d.resolve("helmfile.yaml")),
                "releases:\n  - name: hf"
                    + op.name()
                    + "\n    chart: "
                    + up(dir)
                    + pick(CHART_REFS, op.ref1())
                    + "\n    values:\n      - replicas: 1\n      - "
                    + up(dir)
                    + rootRelative(pick(VALUES_REFS, op.ref2()))
                    + "\n");
        default -> link(repo, outside, d, op);
      }
    }
    return repo;
  }

  private static void link(Path repo, Path outside, Path dir, Op op) throws IOException {
    Path link = fresh(repo, dir.resolve(LINKS.get(op.name() % LINKS.size())));
    if (link == null) {
      return;
    }
    Path target =
        switch (op.target() % 10) {
          case 0 -> dir.relativize(repo.resolve(pick(CHART_REFS, op.ref1())));
          case 1 -> outside.resolve("values.yaml");
          case 2 -> outside.resolve("web");
          case 3 -> outside.resolve("apps");
          case 4 -> dir.relativize(outside.resolve(op.ref1() % 2 == 0 ? "values.yaml" : "web"));
          case 5 -> dir.relativize(repo.resolve(rootRelative(pick(VALUES_REFS, op.ref1()))));
          case 6 -> Path.of("missing-" + op.ref1() % 3);
          case 7 -> outside.resolve("missing.yaml");
          case 8 -> link.getFileName(); // itself: a loop
          default -> Path.of(".."); // its directory's parent: a loop when walked
        };
    Files.createSymbolicLink(link, target);
  }

  /** Whether {@code dir} can be made without writing through a link the tree already holds. */
  private static boolean creatable(Path repo, String dir) throws IOException {
    Path p = repo;
    for (String name : dir.isEmpty() ? new String[0] : dir.split("/")) {
      p = p.resolve(name);
      if (Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    Files.createDirectories(repo.resolve(dir));
    return true;
  }

  /** {@code path} when nothing is there yet (not even a dangling link), else {@code null}. */
  private static Path fresh(Path repo, Path path) {
    return path == null || Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? null : path;
  }

  private static void chart(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    write(
        dir.resolve("Chart.yaml"),
        "apiVersion: v2\nname: " + dir.getFileName() + "\nversion: 0.1.0\n");
    write(dir.resolve("values.yaml"), "image: nginx:1.27\n");
    write(dir.resolve("templates/pod.yaml"), TEMPLATE);
  }

  private static void write(Path file, String text) throws IOException {
    if (file == null) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String argo(String name, String path, String valueFiles) {
    return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: "
        + name
        + "\nspec:\n  source:\n    repoURL: https://git.example.com/r.git\n    path: "
        + path
        + "\n    helm:\n      valueFiles: "
        + valueFiles
        + "\n";
  }

  private static String flux(String name, String chart, String valuesFiles) {
    return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: "
        + name
        + "\n  namespace: apps\nspec:\n  chart:\n    spec:\n      chart: "
        + chart
        + "\n      valuesFiles: "
        + valuesFiles
        + "\n      sourceRef:\n        kind: GitRepository\n        name: r\n";
  }

  private static List<String> chartRefs() {
    List<String> refs = new ArrayList<>();
    for (String dir : DIRS) {
      for (String chart : CHARTS) {
        refs.add(dir.isEmpty() ? chart : dir + "/" + chart);
      }
    }
    refs.add("charts/web-0.1.0.tgz");
    return List.copyOf(refs);
  }

  private static String pick(List<String> list, int i) {
    return list.get(i % list.size());
  }

  /** A values reference as a path from the root, for Flux, which reads them so. */
  private static String rootRelative(String ref) {
    String r = ref.startsWith("/") ? ref.substring(1) : ref;
    return r.startsWith("../") ? r.replace("../", "") : r;
  }

  /** {@code ../} once per level of {@code dir}: from it back to the root. */
  private static String up(String dir) {
    return dir.isEmpty() ? "./" : "../".repeat(dir.split("/").length);
  }

  // ---- the oracle ----

  /** The chart and everything helm would load from it (links followed) are inside. */
  private static void assertChartInside(Path chart, Path realRoot) throws IOException {
    assertThat(chart.toRealPath()).as("chart %s", chart).startsWith(realRoot);
    if (!Files.isDirectory(chart)) {
      return;
    }
    Files.walkFileTree(
        chart,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            assertThat(dir.toRealPath()).as("in chart %s: %s", chart, dir).startsWith(realRoot);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            try {
              assertThat(file.toRealPath()).as("in chart %s: %s", chart, file).startsWith(realRoot);
            } catch (IOException dangling) {
              // helm cannot read it either
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void assertNoLinkOnTheWay(Path repo, Path path) {
    Path p = repo;
    for (Path name : repo.relativize(path)) {
      p = p.resolve(name);
      assertThat(Files.isSymbolicLink(p)).as("%s is a link on the way to %s", p, path).isFalse();
    }
  }

  /** Every entry under {@code dir}, links not followed: file hashes and link targets. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String key = dir.relativize(file).toString();
            entries.put(
                key,
                attrs.isSymbolicLink()
                    ? "link " + Files.readSymbolicLink(file)
                    : sha256(Files.readAllBytes(file)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            entries.put(dir.relativize(d) + "/", "dir");
            return FileVisitResult.CONTINUE;
          }
        });
    return entries;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes {@code dir}, links as links: nothing they point to. */
  private static void delete(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
