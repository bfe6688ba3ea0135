package dev.katafraktos.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps testdata/charts honest: every chart renders with real helm 3 and helm 4 and its output
 * holds the images its expected file lists; broken-template fails with the recorded error.
 */
class TestChartsRenderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BASE64_VALUE =
      Pattern.compile("(?m)^\\s+[A-Za-z0-9._-]+: \"?([A-Za-z0-9+/]{16,}={0,2})\"?$");

  static Stream<Arguments> chartsAndHelms() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> charts = Files.list(RealTools.testdata().resolve("charts"))) {
      for (Path chart : charts.filter(Files::isDirectory).sorted().toList()) {
        cases.add(Arguments.of(chart.getFileName().toString(), 3));
        cases.add(Arguments.of(chart.getFileName().toString(), 4));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with helm {1}")
  @MethodSource("chartsAndHelms")
  void template_chart_matchesExpectedFile(String chart, int helmMajor) throws Exception {
    Path helm = helmMajor == 3 ? RealTools.helm3() : RealTools.helm4();
    Path dir = RealTools.testdata().resolve("charts").resolve(chart);
    Result result = template(helm, dir);

    Path expectedError = dir.resolve("expected-error.json");
    if (Files.exists(expectedError)) {
      JsonNode expected = JSON.readTree(expectedError.toFile());
      assertThat(result.exitCode).isEqualTo(expected.get("exitCode").asInt());
      assertThat(result.stderr).contains(expected.get("error").asText());
      return;
    }
    assertThat(result.exitCode).as(result.stderr).isZero();
    JsonNode expected = JSON.readTree(dir.resolve("expected-images.json").toFile());
    assertThat(expected.get("images").size() + expected.get("otherImages").size()).isPositive();
    for (JsonNode entry : expected.get("images")) {
      assertThat(result.stdout).contains(entry.get("image").asText());
    }
    String visible = result.stdout + withSecretDataDecoded(result.stdout);
    for (JsonNode entry : expected.get("otherImages")) {
      JsonNode value = entry.get("value");
      // a map value (repository/tag) is rendered as YAML; its scalars are in the output
      value.forEach(part -> assertThat(visible).contains(part.asText()));
      if (value.isTextual()) {
        assertThat(visible).contains(value.asText());
      }
    }
  }

  /** Secret {@code data} values are base64: what they say, so that images in them can be seen. */
  private static String withSecretDataDecoded(String stdout) {
    StringBuilder decoded = new StringBuilder();
    Matcher m = BASE64_VALUE.matcher(stdout);
    while (m.find()) {
      try {
        decoded.append('\n').append(new String(Base64.getDecoder().decode(m.group(1)), UTF_8));
      } catch (IllegalArgumentException e) {
        // a plain string that happens to look like base64; it is in stdout as it is
      }
    }
    return decoded.toString();
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result template(Path helm, Path chart) throws IOException, InterruptedException {
    Path err = Files.createTempFile("helm-template", ".err");
    try {
      Process process =
          new ProcessBuilder(
                  helm.toString(), "template", "rel", chart.toString(), "--namespace", "ns")
              .redirectError(err.toFile())
              .start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("helm template " + chart + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), stdout, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
