package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.ReleaseOrigin;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.report.AuditReport;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's repository: every corpus chart deployed to dev, staging and prod by Argo CD
 * Applications (built by {@code bench/make-corpus-repo.sh}, which the benchmark renders with helm
 * too), discovered and audited offline in one call. Each release must render the images of its
 * chart's expected file, and the report must group each image over the releases and environments
 * that use it.
 */
class CorpusRepoAuditIT {
  private static final List<String> ENVIRONMENTS = List.of("dev", "prod", "staging");
  private static final Map<String, String> MAPPINGS = new LinkedHashMap<>();

  static {
    MAPPINGS.put("docker.io", "harbor.example.com/dockerhub");
    MAPPINGS.put("quay.io", "harbor.example.com/quay");
    MAPPINGS.put("registry.k8s.io", "harbor.example.com/k8s");
    MAPPINGS.put("ghcr.io", "harbor.example.com/ghcr");
    MAPPINGS.put("ecr-public.aws.com", "harbor.example.com/ecr-public");
  }

  @TempDir Path temp;

  @Test
  void auditOffline_corpusInThreeEnvironments_groupsEachImageOverItsReleases() throws Exception {
    Path corpus = RealTools.corpus();
    RealTools.requireTool("bash", "install bash");
    List<String> charts = CorpusComparison.charts(corpus);
    Path repo = temp.resolve("gitops");
    List<String> generated = makeRepo(corpus, repo);

    long start = System.nanoTime();
    AuditResult result;
    try (ReleaseSet set = ReleaseSet.discover(repo)) {
      assertThat(set.skipped()).isEmpty();
      assertThat(set.declared()).hasSize(3 * charts.size());
      // the releases the benchmark renders one by one with helm are the ones discovered here
      assertThat(set.declared().stream().map(r -> line(set, r)))
          .containsExactlyInAnyOrderElementsOf(generated);
      result =
          Katafraktos.create()
              .audit(
                  new AuditRequest(set.releases(RenderOptions.defaults()), config(), true, null));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf(
        "CorpusRepoAuditIT: %d releases discovered and audited offline in %d ms%n",
        result.inventory().charts().size(), millis);

    assertThat(result.inventory().failures()).isEmpty();
    assertThat(result.inventory().charts()).hasSize(3 * charts.size());
    SoftAssertions softly = new SoftAssertions();
    Map<String, JsonNode> expected = new TreeMap<>();
    charts.forEach(c -> expected.put(c, CorpusComparison.expected(corpus, c)));
    for (ChartInventory release : result.inventory().charts()) {
      dev.katafraktos.model.Release declared = release.declared();
      String env = declared.environment();
      String name = declared.name();
      softly.assertThat(env).as("environment of %s", release.chart()).isIn(ENVIRONMENTS);
      softly.assertThat(release.chart()).as("label of %s", name).isEqualTo(name + " [" + env + "]");
      softly.assertThat(release.namespace()).as("namespace of %s", release.chart()).isEqualTo(env);
      softly
          .assertThat(declared.origin())
          .as("origin of %s", release.chart())
          .isEqualTo(
              ReleaseOrigin.of(Path.of("apps", env, name + ".yaml"), ReleaseOrigin.Kind.ARGOCD));
      List<ImageOccurrence> occurrences = new ArrayList<>();
      release.images().forEach(i -> occurrences.addAll(i.occurrences()));
      softly
          .assertThat(CorpusComparison.placedImages(occurrences))
          .as("images of %s", release.chart())
          .isEqualTo(CorpusComparison.placedImages(expected.get(name)));
    }
    softly
        .assertThat(result.subjects())
        .as("every image has a mapped target")
        .allSatisfy(s -> assertThat(s.target()).isNotNull());
    softly.assertAll();

    assertByImage(AuditReports.of(result), expected);
  }

  /**
   * Every corpus image is outside harbor.example.com, so each has a finding, and its group names
   * the three releases of every chart that renders it, in the three environments.
   */
  private static void assertByImage(AuditReport report, Map<String, JsonNode> expected) {
    Map<String, TreeSet<String>> releasesByImage = new TreeMap<>();
    expected.forEach(
        (chart, file) ->
            CorpusComparison.images(file)
                .forEach(
                    image ->
                        ENVIRONMENTS.forEach(
                            env ->
                                releasesByImage
                                    .computeIfAbsent(normalized(image), k -> new TreeSet<>())
                                    .add(chart + " [" + env + "]"))));
    List<AuditReport.ImageGroup> groups = report.byImage();
    assertThat(groups)
        .extracting(AuditReport.ImageGroup::image)
        .containsExactlyInAnyOrderElementsOf(releasesByImage.keySet());
    SoftAssertions softly = new SoftAssertions();
    for (AuditReport.ImageGroup group : groups) {
      TreeSet<String> releases = releasesByImage.get(group.image());
      softly
          .assertThat(group.releases())
          .as("releases using %s", group.image())
          .containsExactlyInAnyOrderElementsOf(releases);
      softly.assertThat(group.environments()).as(group.image()).isEqualTo(ENVIRONMENTS);
      softly
          .assertThat(group.usedBy())
          .as(group.image())
          .isEqualTo(
              "used by " + releases.size() + " releases in 3 environments (dev, prod, staging)");
      softly.assertThat(group.rules()).as(group.image()).containsExactly("external-registry");
    }
    softly.assertAll();
  }

  private static AuditConfig config() throws Exception {
    AuditConfig.Builder config = AuditConfig.builder().registry("harbor.example.com");
    for (Map.Entry<String, String> m : MAPPINGS.entrySet()) {
      config.mapping(Mapping.of(m.getKey(), m.getValue()));
    }
    return config.build();
  }

  private static String normalized(String image) {
    return ImageRef.tryParseNormalized(image)
        .map(ImageRef::withDefaultTag)
        .map(ImageRef::toString)
        .orElse(image);
  }

  /** A discovered release as the generator prints it: name, namespace, chart, values, kube, app. */
  private static String line(ReleaseSet set, dev.katafraktos.model.Release r) {
    List<String> fields =
        new ArrayList<>(List.of(r.name(), r.namespace(), slashes(set, r.chart())));
    r.valuesFiles().forEach(v -> fields.add(slashes(set, v)));
    fields.add(String.valueOf(r.kubeVersion()));
    fields.add(slashes(set, r.origin().file()));
    return String.join("\t", fields);
  }

  private static String slashes(ReleaseSet set, Path path) {
    return set.display(path).toString().replace('\\', '/');
  }

  /** Runs bench/make-corpus-repo.sh; returns the release lines it prints. */
  private static List<String> makeRepo(Path corpus, Path out)
      throws IOException, InterruptedException {
    Path script = RealTools.testdata().getParent().resolve("bench/make-corpus-repo.sh");
    Process process =
        new ProcessBuilder("bash", script.toString(), corpus.toString(), out.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String stdout;
    try (InputStream in = process.getInputStream()) {
      stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(script + " did not finish within 5 minutes");
    }
    assertThat(process.exitValue()).as("exit code of %s", script).isZero();
    return stdout.lines().toList();
  }
}
