package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.Skopeo;
import dev.katafraktos.testsupport.TestRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The copy between two real registries: the source with token auth over TLS (a private CA), the
 * target open over plain HTTP. Each copied manifest is compared byte for byte with skopeo, blobs a
 * run put in one repository are mounted into another (the target's own log says so), and a second
 * run writes nothing.
 */
class ImageCopierIT {
  private static final List<String> IMAGES =
      List.of(
          "library/alpine:3.20",
          "library/alpine:latest", // the same image: its content is written once, then the tag
          "library/busybox:1.36",
          "library/busybox:latest",
          "team/app:1.0.0",
          "team/multi:1.0");

  private static TestRegistry source;
  private static TestRegistry target;
  private static Map<String, String> seeded;

  @BeforeAll
  static void start() {
    Skopeo.require();
    source = TestRegistry.start(TestRegistry.Mode.TOKEN, "--tls");
    target = TestRegistry.start(TestRegistry.Mode.OPEN, "--log-level", "info");
    seeded = source.seed();
  }

  @AfterAll
  static void stop() {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  private static RegistrySettings settings() {
    return RegistrySettings.builder()
        .credentials(source.login(source.user(), source.password()))
        .caFile(source.caCert())
        .insecureHosts(Set.of(target.host()))
        .build();
  }

  private static ImageRef ref(String s) throws Exception {
    return ImageRef.parse(s);
  }

  private static List<CopyOutcome> mirror(String... prefixes) throws Exception {
    try (ImageCopier copier = Registries.copier(settings(), ImageCopier.Options.defaults())) {
      List<CopyPlan> plans = new ArrayList<>();
      for (String prefix : prefixes) {
        for (String image : IMAGES) {
          plans.add(
              copier.plan(
                  ref(source.host() + "/" + image), ref(target.host() + "/" + prefix + image)));
        }
      }
      return copier.copyAll(plans, p -> null, o -> {});
    }
  }

  @Test
  void copiesEveryKindOfManifestByteForByteAndASecondRunWritesNothing() throws Exception {
    List<CopyOutcome> first = mirror("first/");
    for (CopyOutcome o : first) {
      assertThat(o.state()).as(o.message()).isEqualTo(CopyOutcome.State.COPIED);
    }
    for (String image : IMAGES) {
      byte[] there = Skopeo.rawManifest(target, "first/" + image);
      byte[] here = Skopeo.rawManifest(source, image);
      assertThat(there).as(image).isEqualTo(here);
      assertThat(ManifestProbe.sha256(there)).isEqualTo(seeded.get(image));
    }
    int writesBefore = writes(target.registryRequests());
    assertThat(writesBefore).isPositive();

    List<CopyOutcome> second = mirror("first/");
    assertThat(second).extracting(CopyOutcome::state).containsOnly(CopyOutcome.State.PRESENT);
    assertThat(writes(target.registryRequests())).isEqualTo(writesBefore);
  }

  @Test
  void aBlobGoesOnceAndIsMountedIntoEveryOtherRepositoryThatNeedsIt() throws Exception {
    int before = target.registryRequests().size();
    List<CopyOutcome> run = mirror("one/", "two/");
    assertThat(run).extracting(CopyOutcome::state).containsOnly(CopyOutcome.State.COPIED);
    List<String> during = target.registryRequests();
    during = during.subList(before, during.size());
    long uploads =
        during.stream().filter(r -> r.startsWith("PUT ") && r.contains("/blobs/uploads/")).count();
    long mounts =
        during.stream()
            .filter(r -> r.startsWith("POST ") && r.contains("mount=") && r.endsWith(" 201"))
            .count();
    int uploaded = run.stream().mapToInt(CopyOutcome::blobsUploaded).sum();
    int mounted = run.stream().mapToInt(CopyOutcome::blobsMounted).sum();
    assertThat(uploaded).isPositive().isEqualTo(uploads);
    assertThat(mounted).isEqualTo(mounts).isEqualTo(uploaded);
  }

  @Test
  void platformsNarrowAnIndexWithAWarningButNeverOnePinnedByDigest() throws Exception {
    String multi = seeded.get("team/multi:1.0");
    ImageCopier.Options amd64 = new ImageCopier.Options(List.of("linux/amd64"), true, 2);
    CopyOutcome narrowed;
    CopyOutcome pinned;
    try (ImageCopier copier = Registries.copier(settings(), amd64)) {
      CopyPlan plan =
          copier.plan(
              ref(source.host() + "/team/multi:1.0"),
              ref(target.host() + "/narrow/team/multi:1.0"));
      assertThat(plan.warnings()).singleElement().asString().contains("another digest");
      narrowed = copier.copy(plan);
      CopyPlan byDigest =
          copier.plan(
              ref(source.host() + "/team/multi@" + multi),
              ref(target.host() + "/narrow/team/pinned@" + multi));
      assertThat(byDigest.warnings()).singleElement().asString().contains("pinned by digest");
      pinned = copier.copy(byDigest);
    }

    assertThat(narrowed.state()).as(narrowed.message()).isEqualTo(CopyOutcome.State.COPIED);
    assertThat(narrowed.digest()).isNotEqualTo(multi);
    String index =
        new String(
            Skopeo.rawManifest(target, "narrow/team/multi:1.0"),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(index).contains("\"amd64\"").doesNotContain("arm64");
    assertThat(pinned.state()).as(pinned.message()).isEqualTo(CopyOutcome.State.COPIED);
    assertThat(Skopeo.rawManifest(target, "narrow/team/pinned@" + multi))
        .isEqualTo(Skopeo.rawManifest(source, "team/multi:1.0"));
  }

  @Test
  void aReferenceWithTagAndDigestIsJudgedByTheDigestNotByWhatTheTargetTagHolds() throws Exception {
    String app = seeded.get("team/app:1.0.0");
    try (ImageCopier copier = Registries.copier(settings(), ImageCopier.Options.defaults())) {
      // the target's tag 1.0.0 holds another image
      CopyOutcome other =
          copier.copy(
              copier.plan(
                  ref(source.host() + "/library/busybox:1.36"),
                  ref(target.host() + "/stale/team/app:1.0.0")));
      assertThat(other.state()).as(other.message()).isEqualTo(CopyOutcome.State.COPIED);

      CopyPlan plan =
          copier.plan(
              ref(source.host() + "/team/app:1.0.0@" + app),
              ref(target.host() + "/stale/team/app:1.0.0@" + app));
      assertThat(plan.state()).isEqualTo(CopyPlan.State.COPY);
      CopyOutcome outcome = copier.copy(plan);
      assertThat(outcome.state()).as(outcome.message()).isEqualTo(CopyOutcome.State.COPIED);
      assertThat(outcome.digest()).isEqualTo(app);
    }
    assertThat(Skopeo.rawManifest(target, "stale/team/app:1.0.0"))
        .isEqualTo(Skopeo.rawManifest(source, "team/app:1.0.0"));
  }

  private static int writes(List<String> requests) {
    Set<String> methods = new HashSet<>(Set.of("PUT", "POST", "PATCH", "DELETE"));
    return (int) requests.stream().filter(r -> methods.contains(r.split(" ")[0])).count();
  }
}
