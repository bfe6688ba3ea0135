package dev.katafraktos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.policy.ApiLifecycle.Entry;
import dev.katafraktos.policy.ApiLifecycle.State;
import dev.katafraktos.policy.ApiLifecycle.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiLifecycleTest {
  private final ApiLifecycle table = ApiLifecycle.load();

  @Test
  void status_cronJobBatchV1beta1At125_removedWithBatchV1() {
    Status s = table.status("batch/v1beta1", "CronJob", "1.25").orElseThrow();

    assertThat(s.state()).isEqualTo(State.REMOVED);
    assertThat(s.entry().removedIn()).isEqualTo("1.25");
    assertThat(s.entry().replacement()).isEqualTo("batch/v1");
  }

  @Test
  void status_cronJobBatchV1beta1_deprecatedFrom121Until125() {
    assertThat(table.status("batch/v1beta1", "CronJob", "1.19")).isEmpty();
    assertThat(table.status("batch/v1beta1", "CronJob", "1.20.15")).isEmpty();
    assertThat(state("batch/v1beta1", "CronJob", "1.21")).hasValue(State.DEPRECATED);
    assertThat(state("batch/v1beta1", "CronJob", "v1.24.17")).hasValue(State.DEPRECATED);
    assertThat(state("batch/v1beta1", "CronJob", "1.25.0-gke.1")).hasValue(State.REMOVED);
  }

  @Test
  void status_ingressInBothOldGroups_removedIn122() {
    for (String apiVersion : List.of("extensions/v1beta1", "networking.k8s.io/v1beta1")) {
      Status s = table.status(apiVersion, "Ingress", "1.22").orElseThrow();
      assertThat(s.state()).isEqualTo(State.REMOVED);
      assertThat(s.entry().replacement()).isEqualTo("networking.k8s.io/v1");
    }
    assertThat(state("extensions/v1beta1", "Ingress", "1.21")).hasValue(State.DEPRECATED);
  }

  @Test
  void status_podSecurityPolicyAt125_removedWithoutReplacement() {
    Status s = table.status("policy/v1beta1", "PodSecurityPolicy", "1.25").orElseThrow();

    assertThat(s.state()).isEqualTo(State.REMOVED);
    assertThat(s.entry().replacement()).isNull();
    assertThat(s.entry().note()).contains("Pod Security Admission");
  }

  @Test
  void status_flowcontrolV1beta2_removedIn129() {
    assertThat(state("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", "1.28"))
        .hasValue(State.DEPRECATED);
    Status s =
        table
            .status("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", "1.29")
            .orElseThrow();
    assertThat(s.state()).isEqualTo(State.REMOVED);
    assertThat(s.entry().replacement()).isEqualTo("flowcontrol.apiserver.k8s.io/v1");
  }

  @Test
  void status_hpaAutoscalingV2beta2_removedIn126() {
    Status s = table.status("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26").orElseThrow();

    assertThat(s.state()).isEqualTo(State.REMOVED);
    assertThat(s.entry().replacement()).isEqualTo("autoscaling/v2");
    assertThat(state("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.25"))
        .hasValue(State.DEPRECATED);
  }

  @Test
  void status_currentApis_empty() {
    assertThat(table.status("apps/v1", "Deployment", "1.40")).isEmpty();
    assertThat(table.status("v1", "ConfigMap", "1.40")).isEmpty();
    assertThat(table.status("batch/v1", "CronJob", "1.40")).isEmpty();
    assertThat(table.status("example.com/v1beta1", "Widget", "1.40")).isEmpty();
  }

  @Test
  void status_kindIsExact_otherKindOfRemovedGroupVersionNotMatched() {
    assertThat(table.status("batch/v1beta1", "cronjob", "1.30")).isEmpty();
    assertThat(table.status("policy/v1beta1", "Eviction", "1.30")).isEmpty();
  }

  @Test
  void status_deprecatedStillServed_deprecatedForEver() {
    Status s =
        table
            .status("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", "1.99")
            .orElseThrow();

    assertThat(s.state()).isEqualTo(State.DEPRECATED);
    assertThat(s.entry().removedIn()).isNull();
  }

  @Test
  void status_replicaSetAppsV1beta1WithoutDeprecation_onlyRemoved() {
    assertThat(table.status("apps/v1beta1", "ReplicaSet", "1.15")).isEmpty();
    assertThat(state("apps/v1beta1", "ReplicaSet", "1.16")).hasValue(State.REMOVED);
  }

  @ParameterizedTest
  @CsvSource({
    "1.25, 1.25",
    "v1.25, 1.25",
    "v1.25.3, 1.25",
    "1.25.0-gke.1, 1.25",
    "v1.29.4+k3s1, 1.29",
    "v1.28.9-eks-036c24b, 1.28",
    "1.25+, 1.25",
    "' 1.30 ', 1.30",
    "1.09, 1.9",
    "2.0, 2.0"
  })
  void majorMinor_kubernetesVersions_parsed(String text, String expected) {
    assertThat(ApiLifecycle.majorMinor(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"1", "v1", "1.", "1.x", "latest", "1.25.3.4", "V1.25", "1..25", "1.25 0"})
  void status_garbageVersion_illegalArgument(String text) {
    assertThatThrownBy(() -> table.status("batch/v1beta1", "CronJob", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Kubernetes version");
  }

  @Test
  void status_versionsCompareNumerically_notAsText() {
    // "1.9" < "1.16" < "1.100" as releases, not as strings
    assertThat(table.status("extensions/v1beta1", "DaemonSet", "1.7")).isEmpty();
    assertThat(state("extensions/v1beta1", "DaemonSet", "1.9")).hasValue(State.DEPRECATED);
    assertThat(state("extensions/v1beta1", "DaemonSet", "1.100")).hasValue(State.REMOVED);
  }

  @Test
  void parse_deprecatedAfterRemoved_refused() {
    String text =
        "apis:\n"
            + "  - {group: a, version: v1, kind: K, deprecatedIn: '1.30', removedIn: '1.20'}\n";

    assertThatThrownBy(() -> ApiLifecycle.parse(text, "t.yaml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("t.yaml apis[0]: deprecatedIn after removedIn");
  }

  @Test
  void parse_duplicateAndUnknownKey_allReported() {
    String text =
        "apis:\n"
            + "  - {group: '', version: v1, kind: K, removedIn: '1.20'}\n"
            + "  - {group: '', version: v1, kind: K, removedIn: '1.21'}\n"
            + "  - {group: a, version: v1, kind: K, removedIn: '1.21', since: '1.2'}\n";

    assertThatThrownBy(() -> ApiLifecycle.parse(text, "t.yaml"))
        .hasMessage("t.yaml apis[1]: v1 K twice; t.yaml apis[2]: unknown key 'since'");
  }

  @Test
  void load_table_everyRowConsistent() {
    List<Entry> entries = table.entries();

    assertThat(entries).hasSize(70);
    assertThat(entries).filteredOn(e -> e.removedIn() != null).hasSize(52);
    for (Entry e : entries) {
      if (e.replacement() != null) {
        assertThat(e.replacement()).matches("([a-z0-9.-]+/)?v[0-9a-z]+");
        assertThat(e.replacement()).isNotEqualTo(e.apiVersion());
      } else {
        assertThat(e.note())
            .as("why %s %s has no replacement", e.apiVersion(), e.kind())
            .isNotNull();
      }
    }
  }

  /**
   * Every (group/version, kind) the migration guide lists as removed is in the table, removed in
   * the same release.
   */
  @Test
  void load_everyRemovalOfTheMigrationGuide_inTableWithSameRelease() throws Exception {
    Map<String, String> guide = guideRemovals();
    assertThat(guide).hasSize(50);

    Map<String, String> tableRemovals = new LinkedHashMap<>();
    for (Entry e : table.entries()) {
      if (e.removedIn() != null) {
        tableRemovals.put(e.apiVersion() + " " + e.kind(), e.removedIn());
      }
    }
    assertThat(tableRemovals).containsAllEntriesOf(guide);
  }

  @Test
  void guideRemovals_parsesEachSentenceShape() throws Exception {
    Map<String, String> guide = guideRemovals();

    assertThat(guide)
        .containsEntry("flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration", "1.32")
        .containsEntry("policy/v1beta1 PodSecurityPolicy", "1.25")
        .containsEntry("node.k8s.io/v1beta1 RuntimeClass", "1.25")
        .containsEntry("authorization.k8s.io/v1beta1 SelfSubjectRulesReview", "1.22")
        .containsEntry(
            "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration", "1.22")
        .containsEntry("apps/v1beta1 Deployment", "1.16")
        .containsEntry("extensions/v1beta1 PodSecurityPolicy", "1.16");
  }

  private Optional<State> state(String apiVersion, String kind, String kubeVersion) {
    return table.status(apiVersion, kind, kubeVersion).map(Status::state);
  }

  private static final Pattern RELEASE_HEADING = Pattern.compile("### v(\\d+\\.\\d+)");
  private static final Pattern GROUP_VERSION = Pattern.compile("\\*\\*([a-z0-9.-]+/v\\w+)\\*\\*");
  // "The **g/v**[, **g/v**][, and **g/v**] API version(s) of K1[, K2][, and K3] is|are|will ..."
  private static final Pattern VERSIONS_OF_KINDS =
      Pattern.compile(
          "^The (.+?) API versions? of (.+?) (?:is|are|will) no longer (?:be )?served.*");
  // "Kind in the **g/v** API version is no longer served ..."
  private static final Pattern KIND_IN_VERSION =
      Pattern.compile("^(\\w+) in the (\\*\\*[^*]+\\*\\*) API version is no longer served.*");

  /**
   * "group/version kind" -> release, from the removal sentences of the guide's {@code ### vX.Y}
   * sections (paragraphs, not the bullets that name replacements).
   */
  private static Map<String, String> guideRemovals() throws Exception {
    String testdata = System.getProperty("katafraktos.testdata", "../testdata");
    List<String> lines = Files.readAllLines(Path.of(testdata, "k8s", "deprecation-guide.md"));
    Map<String, String> removals = new LinkedHashMap<>();
    String release = null;
    List<String> paragraph = new ArrayList<>();
    lines.add("");
    for (String line : lines) {
      Matcher heading = RELEASE_HEADING.matcher(line);
      if (line.isBlank() || line.startsWith("#")) {
        if (release != null && !paragraph.isEmpty()) {
          sentence(String.join(" ", paragraph), release, removals);
        }
        paragraph.clear();
        if (heading.matches()) {
          release = heading.group(1);
        }
      } else if (!paragraph.isEmpty() || !(line.startsWith("*") || line.startsWith(" "))) {
        // a paragraph starts at the margin; bullets (replacements, notes) and their
        // continuation lines are not removal sentences
        paragraph.add(line.trim());
      }
    }
    return removals;
  }

  private static void sentence(String text, String release, Map<String, String> removals) {
    if (!text.contains("no longer")) {
      return;
    }
    String versions;
    String kinds;
    Matcher m = VERSIONS_OF_KINDS.matcher(text);
    Matcher in = KIND_IN_VERSION.matcher(text);
    if (m.matches()) {
      versions = m.group(1);
      kinds = m.group(2);
    } else if (in.matches()) {
      versions = in.group(2);
      kinds = in.group(1);
    } else {
      throw new AssertionError("a removal sentence of a shape the test does not know: " + text);
    }
    // the sentence names the release of its heading: "... as of v1.25" / "... in v1.32"
    assertThat(text).contains("v" + release);
    Matcher gv = GROUP_VERSION.matcher(versions);
    List<String> groupVersions = new ArrayList<>();
    while (gv.find()) {
      groupVersions.add(gv.group(1));
    }
    assertThat(groupVersions).as(text).isNotEmpty();
    for (String kind : kinds.split(",\\s*(?:and\\s+)?|\\s+and\\s+")) {
      assertThat(kind).as(text).matches("[A-Z]\\w+");
      for (String groupVersion : groupVersions) {
        String previous = removals.put(groupVersion + " " + kind, release);
        assertThat(previous).as("listed twice: %s %s", groupVersion, kind).isNull();
      }
    }
  }
}
