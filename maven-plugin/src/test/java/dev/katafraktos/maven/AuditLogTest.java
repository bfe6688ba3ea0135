package dev.katafraktos.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final Finding DOCKER_HUB =
      new Finding(
          "external-registry",
          Severity.ERROR,
          "charts/web",
          "nginx:1.27",
          "docker.io/library/nginx:1.27 is pulled from Docker Hub",
          null);
  private static final Finding LATEST =
      new Finding(
          "mutable-tag", Severity.WARNING, "charts/web", "busybox", "busybox uses latest", null);

  @Test
  void print_eachFindingAtItsLevel_failingOnesAsErrors() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, result(Severity.ERROR, DOCKER_HUB, LATEST));

    assertThat(log.lines)
        .contains(
            "error charts/web: external-registry: docker.io/library/nginx:1.27 is pulled from"
                + " Docker Hub",
            "warn charts/web: mutable-tag: busybox uses latest",
            "info 2 images in 1 chart, 0 checked: 1 error, 1 warning");
  }

  @Test
  void print_failOnNone_onlyWarns() {
    RecordingLog log = new RecordingLog();

    AuditLog.print(log, result(Severity.OFF, DOCKER_HUB));

    assertThat(log.lines).noneMatch(l -> l.startsWith("error"));
    assertThat(log.lines).anyMatch(l -> l.startsWith("warn charts/web: external-registry"));
  }

  @Test
  void failureMessage_unmappedRegistry_saysToMapItAndRewrite() {
    String message =
        AuditLog.failureMessage(
            result(Severity.WARNING, DOCKER_HUB, LATEST),
            "harbor.corp",
            "target/katafraktos/katafraktos-audit.md");

    assertThat(message)
        .isEqualTo(
            "2 image findings at or above warning (external-registry 1, mutable-tag 1). Next: add"
                + " a <mapping> for docker.io to your registry (e.g."
                + " <mapping>docker.io=harbor.corp/dockerhub-proxy</mapping>), then run mvn"
                + " katafraktos:rewrite-values to point the values at your registry; pin a version"
                + " tag or a digest (mvn katafraktos:rewrite-values -Dkatafraktos.pinDigests)."
                + " Details: target/katafraktos/katafraktos-audit.md. To only warn, set failOn to"
                + " none.");
  }

  private static AuditResult result(Severity failOn, Finding... findings) {
    List<AuditSubject> subjects = new ArrayList<>();
    for (Finding f : findings) {
      ImageRef ref = ImageRef.tryParseNormalized(f.image()).orElseThrow();
      subjects.add(AuditSubject.unchecked(f.chart(), f.image(), ref, List.of(), null));
    }
    return new AuditResult(new Inventory(List.of()), subjects, List.of(findings), failOn, true);
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
