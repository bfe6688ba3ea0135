package dev.katafraktos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packages of core depend on each other only along the data flow (GUIDE section 2). */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/katafraktos");
  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.katafraktos\\.(\\w+)\\.");

  // what each package may use; everything not listed may use nothing of ours
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("model", Set.of()),
          // the caps on every parse of untrusted input (InputLimits); uses nothing of ours
          Map.entry("limits", Set.of()),
          Map.entry("render", Set.of("model", "limits")),
          Map.entry("extract", Set.of("model", "render", "limits")),
          Map.entry("registry", Set.of("model")),
          Map.entry("policy", Set.of("model", "limits")),
          Map.entry("report", Set.of("api", "model", "policy")),
          Map.entry("values", Set.of("model", "render", "extract", "limits")),
          Map.entry("rewrite", Set.of("model", "limits")),
          // reads release declarations (katafraktos.yaml, Argo CD, Flux, helmfile) from a directory
          Map.entry("releases", Set.of("model", "limits")),
          // reads and writes git objects (JGit); never the working tree unless asked
          Map.entry("gitops", Set.of("model")),
          Map.entry(
              "api",
              Set.of(
                  "model",
                  "render",
                  "extract",
                  "registry",
                  "policy",
                  "values",
                  "rewrite",
                  "releases",
                  "gitops",
                  "limits")),
          // the glue both frontends share: request building, report files, messages; registry
          // for the mirror's plan and outcome (CopyPlan, CopyOutcome), which api hands out
          Map.entry("frontend", Set.of("api", "model", "policy", "report", "registry")));

  private static final Pattern THIRD_PARTY_IMPORT =
      Pattern.compile(
          "^import (com\\.fasterxml|org\\.snakeyaml|com\\.marcnuri|com\\.google|org\\.eclipse)",
          Pattern.MULTILINE);

  @Test
  void packages_dependOnlyAlongTheDataFlow() throws IOException {
    Map<String, Set<String>> actual = dependencies();

    assertThat(actual.keySet()).as("every package has a rule").isSubsetOf(ALLOWED.keySet());
    actual.forEach(
        (pkg, uses) -> assertThat(uses).as("what %s uses", pkg).isSubsetOf(ALLOWED.get(pkg)));
  }

  @Test
  void apiAndModel_exposeNoThirdPartyTypes() throws IOException {
    for (String pkg : Set.of("api", "model")) {
      try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          assertThat(THIRD_PARTY_IMPORT.matcher(Files.readString(file)).find())
              .as(file.toString())
              .isFalse();
        }
      }
    }
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        String pkg = relative.getName(0).toString();
        Set<String> set = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            set.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }
}
