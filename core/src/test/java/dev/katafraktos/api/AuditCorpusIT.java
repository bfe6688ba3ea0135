package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.testsupport.CorpusComparison;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code audit --offline} over the whole corpus: every Docker Hub image is flagged. */
class AuditCorpusIT {

  @Test
  void auditOffline_corpus_flagsEveryDockerHubImageAndFails() throws Exception {
    Path corpus = RealTools.corpus();
    List<Path> charts =
        CorpusComparison.charts(corpus).stream()
            .map(c -> corpus.resolve("charts").resolve(c))
            .toList();
    AuditRequest request =
        new AuditRequest(
            charts,
            RenderOptions.builder().release("rel").namespace("ns").kubeVersion("1.30.0").build(),
            AuditConfig.builder().registry("harbor.example.com").build(),
            true,
            null);

    AuditResult result = Katafraktos.create().audit(request);

    Set<String> dockerHub =
        result.subjects().stream()
            .filter(s -> s.reference() != null && s.reference().domain().equals("docker.io"))
            .map(s -> s.chart() + " " + s.image())
            .collect(Collectors.toSet());
    Set<String> flagged =
        result.findings().stream()
            .filter(f -> f.ruleId().equals("external-registry"))
            .filter(f -> f.message().contains("Docker Hub"))
            .map(f -> f.chart() + " " + f.image())
            .collect(Collectors.toSet());
    assertThat(dockerHub).hasSizeGreaterThan(10);
    assertThat(flagged).isEqualTo(dockerHub);
    assertThat(result.subjects()).allMatch(s -> s.check() == null && s.targetCheck() == null);
    assertThat(result.failed()).isTrue();
    assertThat(result.findings()).extracting(Finding::ruleId).doesNotContain("missing-in-registry");
    assertThat(result.subjects()).extracting(AuditSubject::chart).hasSizeGreaterThan(30);
  }
}
