package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {
  @TempDir Path dir;

  @Test
  void depth_countsTheFilesOfPackagedSubchartsAsHelmNamesThem() throws IOException {
    Path app = chart();
    Files.write(
        app.resolve("charts/sub-1.0.0.tgz"),
        tgz(Map.of("sub/Chart.yaml", "name: sub\n", "sub/templates/a/b/c.yaml", "kind: X\n")));

    // app/charts/sub/templates/a/b/c.yaml
    assertThat(ChartFiles.read(app, name -> false).depth()).isEqualTo(6);
  }

  @Test
  void copy_directory_linksWhatIsUnchanged_andLeavesTheChartAlone() throws IOException {
    Path app = chart();
    ChartFiles files = ChartFiles.read(app, name -> name.endsWith("values.yaml"));
    assertThat(files.top()).isEqualTo("app/");
    assertThat(files.files().get("app/values.yaml")).asString().isEqualTo("image: nginx\n");
    assertThat(files.files().get("app/templates/deploy.yaml")).isSameAs(ChartFiles.NOT_READ);

    Path copy =
        files.copy(
            Map.of(
                "app/values.yaml", "image: redis\n",
                "app/templates/new/x/x/values.yaml", "kind: Added\n"));

    assertThat(copy.getFileName().toString()).isEqualTo("app");
    assertThat(Files.isSymbolicLink(copy.resolve("Chart.yaml"))).isTrue();
    assertThat(copy.resolve("templates/deploy.yaml")).hasContent("kind: Deployment");
    assertThat(copy.resolve("values.yaml")).hasContent("image: redis");
    assertThat(copy.resolve("templates/new/x/x/values.yaml")).hasContent("kind: Added");
    assertThat(app.resolve("values.yaml")).hasContent("image: nginx");
    assertThat(app.resolve("templates/new")).doesNotExist();

    ChartFiles.delete(copy);
    assertThat(copy.getParent()).doesNotExist();
    assertThat(app.resolve("templates/deploy.yaml")).exists();
  }

  @Test
  void copy_packagedChart_writesEveryFile() throws IOException {
    Path tgz = dir.resolve("app-1.0.0.tgz");
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("app/Chart.yaml", "name: app\n");
    entries.put("app/values.yaml", "image: nginx\n");
    Files.write(tgz, tgz(entries));

    ChartFiles files = ChartFiles.read(tgz, name -> false);
    Path copy = files.copy(Map.of("app/templates/values.yaml", "kind: Added\n"));

    assertThat(files.top()).isEqualTo("app/");
    assertThat(files.depth()).isEqualTo(1);
    assertThat(copy.resolve("Chart.yaml")).hasContent("name: app");
    assertThat(copy.resolve("values.yaml")).hasContent("image: nginx");
    assertThat(copy.resolve("templates/values.yaml")).hasContent("kind: Added");
    ChartFiles.delete(copy);
  }

  private Path chart() throws IOException {
    Path app = dir.resolve("app");
    write(app.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    write(app.resolve("values.yaml"), "image: nginx\n");
    write(app.resolve("templates/deploy.yaml"), "kind: Deployment\n");
    Files.createDirectories(app.resolve("charts"));
    return app;
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** A gzip-compressed tar of {@code files}, with just the header fields helm packages use. */
  static byte[] tgz(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, header, 0, name.length);
        byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = '0';
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }
}
