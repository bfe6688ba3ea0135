package dev.katafraktos.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Inventory;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFormatTest {

  @Test
  void parse_anyCase_givesTheFormat() throws Exception {
    assertThat(AuditFormat.parse(" SARIF ")).isEqualTo(AuditFormat.SARIF);
    assertThat(AuditFormat.parse("junit").fileName()).isEqualTo("TEST-katafraktos-audit.xml");
  }

  @Test
  void parse_unknown_listsTheFormats() {
    assertThatThrownBy(() -> AuditFormat.parse("html"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown report format 'html'; expected one of table, json, sarif, junit, markdown");
  }

  @Test
  void write_someFormats_writesThoseFilesOnly(@TempDir Path dir) throws Exception {
    AuditResult empty =
        new AuditResult(new Inventory(List.of()), List.of(), List.of(), Severity.ERROR, true);
    Path reports = dir.resolve("reports");

    List<Path> written =
        AuditReports.write(reports, empty, List.of(AuditFormat.MARKDOWN, AuditFormat.JSON));

    assertThat(written)
        .containsExactly(
            reports.resolve("katafraktos-audit.json"), reports.resolve("katafraktos-audit.md"));
    try (var files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("katafraktos-audit.json", "katafraktos-audit.md");
    }
  }
}
