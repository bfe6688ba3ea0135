package dev.katafraktos.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real parts tests run against: helm 3 and helm 4 binaries, the conformance corpus and
 * the project's testdata.
 *
 * <p>A missing part fails the test when {@code CI=true} (CI must never skip silently) and aborts it
 * otherwise, so a developer without the tools sees a skip that says how to install them.
 */
public final class RealTools {

  private static final String INSTALL_HINT = "run scripts/install-test-tools.sh";

  private RealTools() {}

  /** The helm 3 binary: {@code -Dkatafraktos.helm3}, {@code $KATAFRAKTOS_HELM3}, or the default. */
  public static Path helm3() {
    return helm(3);
  }

  /** The helm 4 binary: {@code -Dkatafraktos.helm4}, {@code $KATAFRAKTOS_HELM4}, or the default. */
  public static Path helm4() {
    return helm(4);
  }

  /**
   * The conformance corpus: {@code -Dkatafraktos.corpus}, else {@code ../shared/corpus} next to the
   * repository root.
   */
  public static Path corpus() {
    Path corpus =
        existingDirFromProperty("katafraktos.corpus")
            .orElseGet(() -> repoRoot().resolveSibling("shared").resolve("corpus"));
    if (!Files.isDirectory(corpus.resolve("charts"))) {
      missing(
          "conformance corpus not found at "
              + corpus
              + "; put shared/ beside the clone or set -Dkatafraktos.corpus");
    }
    return corpus;
  }

  /**
   * The project's own corpus of real public charts, {@code testdata/corpus}: same layout and
   * expected-file format as the shared corpus, plus {@code valuesFiles} and {@code notImages}.
   */
  public static Path projectCorpus() {
    return testdata().resolve("corpus");
  }

  /** The project testdata: {@code -Dkatafraktos.testdata}, else the root testdata/ folder. */
  public static Path testdata() {
    Path testdata =
        existingDirFromProperty("katafraktos.testdata")
            .orElseGet(() -> repoRoot().resolve("testdata"));
    if (!Files.isDirectory(testdata)) {
      throw new AssertionError(
          "testdata not found at "
              + testdata
              + "; set -Dkatafraktos.testdata to the repository's testdata/");
    }
    return testdata;
  }

  /**
   * Fails (CI) or skips the test when {@code tool} does not run; {@code hint} says how to get it.
   */
  public static void requireTool(String tool, String hint) {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    missing(tool + " not found on the PATH; " + hint);
  }

  /** What {@code helm version --template '{{.Version}}'} prints, e.g. {@code v3.17.3}. */
  public static String helmVersion(Path helm) {
    return run(List.of(helm.toString(), "version", "--template", "{{.Version}}")).trim();
  }

  private static Path helm(int major) {
    Path helm =
        fromProperty("katafraktos.helm" + major)
            .or(() -> fromEnv("KATAFRAKTOS_HELM" + major))
            .orElseGet(() -> toolsDir().resolve("helm" + major).resolve("helm"));
    if (!Files.isRegularFile(helm) || !Files.isExecutable(helm)) {
      missing("helm " + major + " not found at " + helm + "; " + INSTALL_HINT);
    }
    return helm;
  }

  /** Where scripts/install-test-tools.sh puts the tools. */
  private static Path toolsDir() {
    return fromEnv("KATAFRAKTOS_TOOLS")
        .orElseGet(
            () -> Paths.get(System.getProperty("user.home"), ".cache", "katafraktos", "tools"));
  }

  /** The nearest directory at or above {@code user.dir} that holds testdata/. */
  private static Path repoRoot() {
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("testdata"))) {
        return dir;
      }
    }
    throw new AssertionError("no directory with testdata/ at or above " + start);
  }

  private static Optional<Path> fromProperty(String name) {
    return nonBlank(System.getProperty(name));
  }

  /**
   * The POM sets these properties from {@code maven.multiModuleProjectDirectory}, which is the
   * module directory when Maven is started inside a module; such a property names no directory, and
   * walking up from {@code user.dir} finds the right one.
   */
  private static Optional<Path> existingDirFromProperty(String name) {
    return fromProperty(name).filter(Files::isDirectory);
  }

  private static Optional<Path> fromEnv(String name) {
    return nonBlank(System.getenv(name));
  }

  private static Optional<Path> nonBlank(String value) {
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(Paths.get(value).toAbsolutePath().normalize());
  }

  /** A real part the test needs is missing: fails with {@code CI=true}, else skips the test. */
  public static void missing(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  private static String run(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
    }
    try (InputStream out = process.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " exited " + process.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new AssertionError("cannot read the output of " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
