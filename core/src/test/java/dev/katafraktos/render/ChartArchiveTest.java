package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.Hostile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packaged charts are untrusted: helm's loader checks, and limits that never trust a header. */
class ChartArchiveTest {
  private static final Path ARCHIVES = Hostile.dir().resolve("archives");

  @TempDir Path dir;

  @Test
  void read_parentEntry_refusesNamingArchiveAndEntry() {
    Path tgz = ARCHIVES.resolve("parent-entry.tgz");
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessage(
            tgz + ": entry 'web/templates/../../../escape.yaml' points outside the chart; refused");
  }

  @Test
  void read_absoluteEntry_refuses() {
    Path tgz = ARCHIVES.resolve("absolute-entry.tgz");
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessage(tgz + ": entry '/tmp/katafraktos-escape.yaml' has an absolute name; refused");
  }

  @Test
  void read_linkEntries_areSkippedNeverFollowed() throws IOException {
    Map<String, byte[]> files = ChartArchive.read(ARCHIVES.resolve("link-entry.tgz")).files();
    assertThat(files)
        .containsOnlyKeys("web/Chart.yaml", "web/values.yaml", "web/templates/deployment.yaml");
  }

  @Test
  void read_entryOverHelmsFileLimit_refuses() {
    Path tgz = ARCHIVES.resolve("oversized-entry.tgz");
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessage(
            tgz
                + ": entry 'web/files/big.bin' expands to 6291456 bytes, over helm's limit of"
                + " 5242880 per file; refused");
  }

  @Test
  void read_forgedHeaderSize_refusesBeforeReadingIt() {
    Path tgz = ARCHIVES.resolve("forged-size.tgz");
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessageContaining("entry 'web/templates/huge.yaml' expands to 8589934591 bytes");
  }

  @Test
  void read_gzipBombOverHelmsChartLimit_stopsAtTheEntryThatCrossesIt() throws IOException {
    // 21 entries of 5 MiB of zeros: about 100 KiB compressed, 105 MiB expanded
    Path tgz = dir.resolve("bomb.tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
      entry(out, "web/Chart.yaml", "name: web\n".getBytes(StandardCharsets.UTF_8));
      byte[] zeros = new byte[5 * 1024 * 1024];
      for (int i = 0; i < 21; i++) {
        entry(out, "web/files/zero-" + i, zeros);
      }
      out.write(new byte[1024]);
    }
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessage(
            tgz
                + ": entry 'web/files/zero-19' takes the expanded chart over helm's limit of"
                + " 104857600 bytes; refused");
  }

  @Test
  void read_moreEntriesThanTheLimit_refuses() throws IOException {
    Path tgz = dir.resolve("many.tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
      for (int i = 0; i <= 20_000; i++) {
        entry(out, "web/e" + i, new byte[0]);
      }
      out.write(new byte[1024]);
    }
    assertThatThrownBy(() -> ChartArchive.read(tgz))
        .isInstanceOf(ChartArchive.Refused.class)
        .hasMessage(tgz + ": more than 20000 entries; refused");
  }

  @Test
  void read_dotSegmentsInsideTheChart_areCleanedAsHelmCleansThem() throws IOException {
    Path tgz = dir.resolve("dots.tgz");
    Files.write(
        tgz,
        ChartFilesTest.tgz(
            Map.of("web/Chart.yaml", "name: web\n", "web/templates/./a/../b.yaml", "kind: X\n")));
    assertThat(ChartArchive.read(tgz).files())
        .containsOnlyKeys("web/Chart.yaml", "web/templates/b.yaml");
  }

  @Test
  void metadata_unsafeArchive_isOneLineNamingArchiveAndEntry() {
    Path tgz = ARCHIVES.resolve("parent-entry.tgz");
    assertThatThrownBy(() -> ChartMetadata.read(tgz))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "Unsafe packaged chart "
                + tgz
                + ": entry 'web/templates/../../../escape.yaml' points outside the chart; refused");
  }

  @Test
  void metadata_deeplyNestedChartYaml_refusedNamingIt() throws IOException {
    Path chart = Files.createDirectories(dir.resolve("web"));
    Files.writeString(chart.resolve("Chart.yaml"), "name: web\n" + Hostile.deepNesting(10_000));
    assertThatThrownBy(() -> ChartMetadata.read(chart))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("Cannot parse " + chart.resolve("Chart.yaml") + ": ")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void valuesFiles_hostileValuesFile_refusedNamingFileLineColumn() throws IOException {
    Path bomb = Files.writeString(dir.resolve("bomb.yaml"), Hostile.aliasBomb());
    Path deep = Files.writeString(dir.resolve("deep.yaml"), Hostile.deepNesting(10_000));
    RenderRequest request = RenderRequest.builder(dir.resolve("web")).build();
    assertThatThrownBy(() -> ValuesFiles.read(request, bomb))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "Invalid YAML in values file "
                + bomb
                + ":11:12: aliases expand to more than 100000 nodes (an alias bomb); refused");
    assertThatThrownBy(() -> ValuesFiles.read(request, deep))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "Invalid YAML in values file "
                + deep
                + ":2:262: nested deeper than 256 levels; refused");
  }

  private static void entry(OutputStream out, String name, byte[] content) throws IOException {
    byte[] header = new byte[512];
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, 0, bytes.length);
    byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    header[156] = '0';
    out.write(header);
    out.write(content);
    out.write(new byte[(512 - content.length % 512) % 512]);
  }
}
