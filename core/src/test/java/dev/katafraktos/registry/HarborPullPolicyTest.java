package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.registry.HarborPullPolicy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarborPullPolicyTest {
  private static final String DIGEST = HarborBodies.NGINX_DIGEST;
  private static final HarborProject GUARDED =
      new HarborProject("dockerhub-proxy", 2, 1L, true, "high", true);

  @Test
  void predict_policyOff_allowsEvenUnscanned() {
    HarborProject open = new HarborProject("library", 1, null, false, "high", false);

    Verdict verdict = HarborPullPolicy.predict(open, image(null), "nginx:1.27");

    assertThat(verdict.wouldRefuse()).isFalse();
    assertThat(verdict.reason()).isEqualTo("project library does not prevent vulnerable images");
  }

  @Test
  void predict_notScanned_refuses() {
    Verdict verdict = HarborPullPolicy.predict(GUARDED, image(null), "nginx:1.27");

    assertThat(verdict)
        .isEqualTo(
            new Verdict(
                true,
                "project dockerhub-proxy prevents pulls of images with high or worse"
                    + " vulnerabilities and of unscanned images; nginx:1.27 has not been scanned"));
  }

  @Test
  void predict_scanFailedOrRunning_refuses() {
    assertThat(HarborPullPolicy.predict(GUARDED, image(scan("Error", null)), "nginx:1.27"))
        .extracting(Verdict::wouldRefuse, Verdict::reason)
        .containsExactly(
            true,
            "project dockerhub-proxy prevents pulls of images with high or worse vulnerabilities"
                + " and of images without a finished scan; nginx:1.27's scan is Error");
    assertThat(HarborPullPolicy.predict(GUARDED, image(scan("Running", null))).wouldRefuse())
        .isTrue();
  }

  @Test
  void predict_severityOverThreshold_refuses() {
    Verdict verdict =
        HarborPullPolicy.predict(GUARDED, image(scan("Success", "Critical")), "nginx:1.27");

    assertThat(verdict.wouldRefuse()).isTrue();
    assertThat(verdict.reason())
        .isEqualTo(
            "project dockerhub-proxy prevents pulls of images with high or worse vulnerabilities;"
                + " nginx:1.27 has critical");
  }

  @Test
  void predict_severityAtThreshold_refuses() {
    // Harbor compares Severity.Code() >= threshold: "high" blocks High
    assertThat(HarborPullPolicy.predict(GUARDED, image(scan("Success", "High"))).wouldRefuse())
        .isTrue();
  }

  @Test
  void predict_severityUnderThreshold_allows() {
    Verdict verdict = HarborPullPolicy.predict(GUARDED, image(scan("Success", "Medium")));

    assertThat(verdict.wouldRefuse()).isFalse();
    assertThat(verdict.reason()).endsWith("; 1.27 (sha256:0d17b565c37b) has medium");
  }

  @Test
  void predict_noVulnerabilities_allowsEvenAtThresholdNone() {
    HarborProject strictest = new HarborProject("p", 3, null, true, "none", false);

    assertThat(HarborPullPolicy.predict(strictest, image(scan("Success", "None"))).wouldRefuse())
        .isFalse();
    assertThat(HarborPullPolicy.predict(strictest, image(scan("Success", "Unknown"))).wouldRefuse())
        .isTrue();
  }

  @Test
  void predict_thresholdUnset_refusesAnyFinding() {
    HarborProject unset = new HarborProject("p", 3, null, true, null, false);

    Verdict verdict = HarborPullPolicy.predict(unset, image(scan("Success", "Low")), "nginx:1.27");

    assertThat(verdict.wouldRefuse()).isTrue();
    assertThat(verdict.reason())
        .isEqualTo(
            "project p prevents pulls of images with any vulnerabilities; nginx:1.27 has low");
  }

  @Test
  void predict_scannedImageIndex_allowsAsHarborSkipsIndexes() {
    HarborArtifact index =
        new HarborArtifact(
            DIGEST,
            "application/vnd.oci.image.index.v1+json",
            List.of("1.27"),
            scan("Success", "Critical"));

    assertThat(HarborPullPolicy.predict(GUARDED, index).wouldRefuse()).isFalse();
    assertThat(HarborPullPolicy.predict(GUARDED, withoutScan(index)).wouldRefuse()).isTrue();
  }

  @Test
  void predict_untaggedArtifact_isNamedByDigest() {
    HarborArtifact untagged =
        new HarborArtifact(DIGEST, null, List.of(), scan("Success", "Critical"));

    assertThat(HarborPullPolicy.predict(GUARDED, untagged).reason())
        .endsWith(DIGEST + " has critical");
  }

  private static HarborArtifact image(HarborScan scan) {
    return new HarborArtifact(
        DIGEST, "application/vnd.oci.image.manifest.v1+json", List.of("1.27"), scan);
  }

  private static HarborArtifact withoutScan(HarborArtifact artifact) {
    return new HarborArtifact(artifact.digest(), artifact.mediaType(), artifact.tags(), null);
  }

  private static HarborScan scan(String status, String severity) {
    return new HarborScan(status, severity);
  }
}
