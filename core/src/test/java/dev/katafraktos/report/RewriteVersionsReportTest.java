package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.RewriteResult;
import dev.katafraktos.api.RewriteResult.VersionCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rewrite reports say about the Kubernetes versions a plan was proven on. */
class RewriteVersionsReportTest {

  @Test
  void text_oneVerificationRenderPerVersion_namesTheVersionsUnderTheHeadline() {
    String text =
        RewriteText.write(
            result(List.of(new VersionCheck("1.19.0", 1), new VersionCheck("1.21.0", 1))), false);

    assertThat(text)
        .startsWith(
            "c: 0 images moved, 0 already in place, 0 cannot be moved, 0 not mapped (5 renders)\n"
                + "verified on Kubernetes 1.19.0, 1.21.0 (one render with the edited values per"
                + " version)\n");
  }

  @Test
  void text_aVersionRenderedTwice_givesEachVersionsCount() {
    String text =
        RewriteText.write(
            result(List.of(new VersionCheck("1.19.0", 2), new VersionCheck("1.25.0", 1))), false);

    assertThat(text)
        .contains(
            "\nverified on Kubernetes 1.19.0 (2 renders), 1.25.0 (1 render) with the edited"
                + " values\n");
  }

  @Test
  void text_nothingChanged_saysThereWasNothingToVerify() {
    String text =
        RewriteText.write(
            result(List.of(new VersionCheck("1.19.0", 0), new VersionCheck("1.21.0", 0))), false);

    assertThat(text)
        .contains(
            "\nplanned on Kubernetes 1.19.0, 1.21.0: nothing to change, so nothing to verify\n");
  }

  @Test
  void oneVersion_neitherTextNorJsonMentionsVersions() {
    RewriteResult one = result(List.of());

    assertThat(RewriteText.write(one, false)).doesNotContain("Kubernetes");
    assertThat(RewriteJson.write(one, false)).doesNotContain("kubeVersions");
  }

  @Test
  void json_listsEachVersionWithItsVerificationRenders() {
    String json =
        RewriteJson.write(
            result(List.of(new VersionCheck("1.19.0", 1), new VersionCheck("1.21.0", 2))), true);

    assertThat(json)
        .contains(
            """
              "kubeVersions" : [ {
                "kubeVersion" : "1.19.0",
                "verificationRenders" : 1
              }, {
                "kubeVersion" : "1.21.0",
                "verificationRenders" : 2
              } ]\
            """);
  }

  private static RewriteResult result(List<VersionCheck> versions) {
    return new RewriteResult(
        "c", List.of(), List.of(), List.of(), List.of(), List.of(), 5, false, List.of(), false,
        List.of(), List.of(), versions);
  }
}
