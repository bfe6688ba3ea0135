package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.MirrorImage;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.PullBudget;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class MirrorLogTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void failureMessage_everyImageCopiedOrPresent_isNull() {
    MirrorResult result =
        result(
            false,
            image("nginx:1.27", CopyPlan.State.COPY, CopyOutcome.State.COPIED, null),
            image("redis:7", CopyPlan.State.PRESENT, CopyOutcome.State.PRESENT, null));

    assertThat(MirrorLog.failureMessage(result)).isNull();
  }

  @Test
  void failureMessage_failedCopy_namesTheImageItsReasonAndHowToFix() {
    MirrorResult result =
        result(
            false,
            image(
                "nginx:1.27",
                CopyPlan.State.COPY,
                CopyOutcome.State.FAILED,
                "harbor.corp refused the push (403)"),
            image("redis:7", CopyPlan.State.PRESENT, CopyOutcome.State.PRESENT, null));

    assertThat(MirrorLog.failureMessage(result))
        .isEqualTo(
            "1 of 2 images was not mirrored: docker.io/library/nginx:1.27 ->"
                + " harbor.corp/dockerhub/library/nginx:1.27 (failed: harbor.corp refused the"
                + " push (403)). Fix what each reason names (a target needs a login with push"
                + " rights: serverId; a private CA: caFile; plain HTTP: insecureRegistries) and"
                + " run mvn katafraktos:mirror-images again: it copies only what the targets still"
                + " lack.");
  }

  @Test
  void failureMessage_notStarted_saysToWaitForThePullLimit() {
    MirrorResult result =
        result(
            false,
            image(
                "nginx:1.27",
                CopyPlan.State.COPY,
                CopyOutcome.State.NOT_STARTED,
                "the pull budget is spent"));

    assertThat(MirrorLog.failureMessage(result))
        .startsWith("1 of 1 image was not mirrored: docker.io/library/nginx:1.27 ->")
        .contains("(not started: the pull budget is spent)")
        .contains(", wait for the source's pull limit to reset, and run");
  }

  @Test
  void failureMessage_dryRunWithAnImageThatCannotBeCopied_namesIt() {
    MirrorResult result =
        result(
            true,
            image("nginx:1.27", CopyPlan.State.FAILED, null, "docker.io has no nginx:1.27"),
            image("redis:7", CopyPlan.State.COPY, null, null));

    assertThat(MirrorLog.failureMessage(result))
        .startsWith(
            "1 image cannot be copied: docker.io/library/nginx:1.27 ->"
                + " harbor.corp/dockerhub/library/nginx:1.27 (cannot copy: docker.io has no"
                + " nginx:1.27).");
  }

  @Test
  void failureMessage_dryRunThatCanCopyEverything_isNull() {
    assertThat(
            MirrorLog.failureMessage(
                result(true, image("redis:7", CopyPlan.State.COPY, null, null))))
        .isNull();
  }

  @Test
  void failureMessage_refusal_namesTheBudgetInPluginParameters() {
    PullBudget budget = new PullBudget("docker.io", 7, true, 5, 20);
    String refusal =
        "Not starting: "
            + budget.describe()
            + "; wait for the window to reset, log in for a larger limit, or mirror fewer images";
    MirrorResult result =
        new MirrorResult(
            new Inventory(List.of()),
            List.of(image("nginx:1.27", CopyPlan.State.COPY, null, null)),
            List.of(),
            List.of(budget),
            refusal,
            false);

    assertThat(MirrorLog.failureMessage(result))
        .isEqualTo(
            "Not starting: docker.io: 7 pulls needed, 5 left (ratelimit-remaining), maxPulls 20;"
                + " wait for the window to reset, log in for a larger limit, or mirror fewer"
                + " images.");
  }

  @Test
  void failureMessage_releaseNotRendered_failsAndNamesIt() {
    MirrorResult result =
        new MirrorResult(
            new Inventory(
                List.of(), List.of(new RenderFailure("broken", null, "image is required"))),
            List.of(),
            List.of(),
            List.of(),
            null,
            false);

    assertThat(MirrorLog.failureMessage(result))
        .isEqualTo(
            "1 release could not be rendered: broken; fix its chart or values (helm's reason is"
                + " logged above): its images were not mirrored.");
  }

  @Test
  void print_logsTheTableAtInfoAndEachImageNotMirroredAtError() {
    RecordingLog log = new RecordingLog();
    MirrorResult result =
        result(
            false,
            image(
                "nginx:1.27",
                CopyPlan.State.COPY,
                CopyOutcome.State.FAILED,
                "Harbor project dockerhub is a proxy cache: Harbor refuses pushes to it. Run with"
                    + " --warm to pull it through it"),
            image("redis:7", CopyPlan.State.PRESENT, CopyOutcome.State.PRESENT, null));

    MirrorLog.print(log, result, UnaryOperator.identity());

    assertThat(log.lines.get(0)).matches("info IMAGE +TARGET +STATUS +DETAIL");
    assertThat(log.lines)
        .anyMatch(l -> l.matches("info docker.io/library/redis:7 +harbor.corp/\\S+ +present .*"))
        .contains("info 1 present, 1 failed; 0 B sent, 0 blobs mounted")
        .contains(
            "error docker.io/library/nginx:1.27 -> harbor.corp/dockerhub/library/nginx:1.27:"
                + " failed: Harbor project dockerhub is a proxy cache: Harbor refuses pushes to"
                + " it. Run with -Dkatafraktos.warm to pull it through it")
        .noneMatch(l -> l.startsWith("error docker.io/library/redis"));
  }

  @Test
  void plugin_namesTheParametersInsteadOfTheCommandLineFlags() {
    assertThat(
            MirrorLog.plugin(
                "a is pinned by digest: copied with all its platforms, --platform ignored;"
                    + " --max-pulls 3; Run with --warm"))
        .isEqualTo(
            "a is pinned by digest: copied with all its platforms, platforms ignored; maxPulls 3;"
                + " Run with -Dkatafraktos.warm");
  }

  private static MirrorResult result(boolean dryRun, MirrorImage... images) {
    return new MirrorResult(
        new Inventory(List.of()), List.of(images), List.of(), List.of(), null, dryRun);
  }

  /** A Docker Hub image mapped to harbor.corp/dockerhub; {@code outcome} null for a plan only. */
  private static MirrorImage image(
      String image, CopyPlan.State plan, CopyOutcome.State outcome, String message) {
    ImageRef source = ImageRef.tryParseNormalized(image).orElseThrow();
    ImageRef target =
        ImageRef.tryParseNormalized("harbor.corp/dockerhub/" + source.path() + ":" + source.tag())
            .orElseThrow();
    CopyPlan p =
        new CopyPlan(
            source,
            target,
            plan,
            plan == CopyPlan.State.FAILED ? null : DIGEST,
            null,
            1,
            100,
            0,
            true,
            List.of(),
            null,
            outcome == null ? message : null,
            List.of());
    CopyOutcome o = outcome == null ? null : CopyOutcome.of(p, outcome, message);
    return new MirrorImage(image, List.of("charts/web"), p, o, null);
  }

  /** Keeps what was logged as "level message". */
  private static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      lines.add("info " + content);
    }

    @Override
    public void warn(CharSequence content) {
      lines.add("warn " + content);
    }

    @Override
    public void error(CharSequence content) {
      lines.add("error " + content);
    }
  }
}
