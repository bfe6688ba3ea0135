package dev.katafraktos.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.MirrorImage;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.PullBudget;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.registry.CopyPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorReportTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static CopyPlan plan(String source, String target, int pulls, boolean exact)
      throws Exception {
    return new CopyPlan(
        ImageRef.parse(source),
        ImageRef.parse(target),
        CopyPlan.State.COPY,
        DIGEST,
        "application/vnd.oci.image.index.v1+json",
        0,
        -1,
        pulls,
        exact,
        List.of(),
        null,
        null,
        List.of());
  }

  @Test
  void table_refusedRun_showsThePullsEachImageNeedsAndThatNothingWasCopied() throws Exception {
    List<MirrorImage> images =
        List.of(
            new MirrorImage(
                "nginx:1.27",
                List.of("web"),
                plan("nginx:1.27", "harbor.corp/hub/library/nginx:1.27", 2, false),
                null,
                null),
            new MirrorImage(
                "busybox:1.36",
                List.of("web"),
                plan("busybox:1.36", "harbor.corp/hub/library/busybox:1.36", 1, true),
                null,
                null));
    PullBudget budget = new PullBudget("docker.io", 3, false, 2, null);
    MirrorResult result =
        new MirrorResult(
            new Inventory(List.of()),
            images,
            List.of(),
            List.of(budget),
            "Not starting: " + budget.describe(),
            false);

    String table = MirrorReport.table(result);

    assertThat(table.lines())
        .containsExactly(
            "IMAGE         TARGET                                STATUS   DETAIL",
            "nginx:1.27    harbor.corp/hub/library/nginx:1.27    to copy  sha256:abababababab,"
                + " size unknown until read, at least 2 pulls",
            "busybox:1.36  harbor.corp/hub/library/busybox:1.36  to copy  sha256:abababababab,"
                + " size unknown until read, 1 pull",
            "refused, nothing copied; plan: 2 to copy (sizes unknown until read), 0 present,"
                + " 0 cannot be copied");
    assertThat(result.failed()).isTrue();
  }

  @Test
  void table_dryRunIntoAProxyCacheProject_saysProxyCacheNotPresent() throws Exception {
    CopyPlan answeredFromUpstream =
        new CopyPlan(
            ImageRef.parse("nginx:1.27"),
            ImageRef.parse("harbor.corp/cache/library/nginx:1.27"),
            CopyPlan.State.PRESENT,
            DIGEST,
            null,
            0,
            0,
            0,
            true,
            List.of(),
            null,
            "there already",
            List.of());
    MirrorResult result =
        new MirrorResult(
            new Inventory(List.of()),
            List.of(
                new MirrorImage("nginx:1.27", List.of("web"), answeredFromUpstream, null, "cache")),
            List.of(),
            List.of(),
            null,
            true);

    assertThat(MirrorReport.table(result).lines().skip(1).findFirst().orElseThrow())
        .contains("proxy cache (warm)")
        .doesNotContain("present");
  }
}
