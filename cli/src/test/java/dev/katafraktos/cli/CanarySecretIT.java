package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A canary secret, given through each way the CLI takes credentials, never appears in anything the
 * packaged CLI (a child JVM, so uncaught traces count) prints or writes: stdout in every format,
 * stderr, every report of {@code --report-dir}. Each path is run against a real registry (Basic and
 * token auth) with the canary as the right password and as a wrong one, against a closed port, and
 * against a hostile registry that quotes the Authorization header it got back in its error bodies.
 * The token issuers speak plain HTTP on their own port, so each run lists them as insecure where
 * the credentials are meant to reach them; one run leaves a realm unlisted, which must then get
 * nothing.
 */
class CanarySecretIT {
  static final String CANARY = "kfk-canary-7f3e9b1c";

  /** Escaped in JSON, XML, URLs and shells; its marker survives any escaping of the rest. */
  static final String ESCAPED = "kfk\"<&'>\\ %+/=canary-2d8a41";

  static final String ESCAPED_MARKER = "canary-2d8a41";
  static final String USER = "canary-user";
  static final String ESCAPED_USER = "escaped-user";
  static final String OTHER = "other-user";

  static CliRegistry basic;
  static CliRegistry token;
  static EchoRegistry echoBasic;
  static EchoRegistry echoBearer;

  @TempDir Path dir;

  /** How the credential reaches the CLI. */
  enum Source {
    FLAG,
    ENV,
    DOCKER_AUTHS,
    CRED_HELPER,
    CREDS_STORE,
    CONFIG_FILE
  }

  /** Where the CLI is pointed, and what the canary is there. */
  enum Target {
    RIGHT_BASIC,
    RIGHT_TOKEN,
    WRONG_BASIC,
    WRONG_TOKEN,
    REFUSED,
    ECHO_BASIC,
    ECHO_BEARER
  }

  @BeforeAll
  static void start() throws IOException {
    List<String> users =
        List.of(
            "seeder:Seed-Only-pw",
            USER + ":" + CANARY,
            ESCAPED_USER + ":" + ESCAPED,
            OTHER + ":Other-pw");
    basic = CliRegistry.start("htpasswd", users, "team/web:1.0.0=oci", "dh/team/web:1.0.0=oci");
    token = CliRegistry.start("token", users, "team/web:1.0.0=oci", "dh/team/web:1.0.0=oci");
    echoBasic = EchoRegistry.start(false);
    echoBearer = EchoRegistry.start(true);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {basic, token, echoBasic, echoBearer}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the others still get stopped
      }
    }
  }

  /**
   * The canary through every source to every target (credsStore, which differs from credHelpers
   * only in how the helper is chosen, to two), each target in every stdout format; the escaped
   * canary through each source that parses it (stdin, a helper's JSON, a passwordFile) to the
   * targets that send it and quote it back, in every stdout format between them.
   */
  static Stream<Arguments> everySourceAndTarget() {
    List<Arguments> cases = new ArrayList<>();
    for (Source source : Source.values()) {
      for (Target target : Target.values()) {
        if (source != Source.CREDS_STORE
            || target == Target.RIGHT_TOKEN
            || target == Target.ECHO_BASIC) {
          ReportFormat format = ReportFormat.values()[(source.ordinal() + target.ordinal()) % 5];
          cases.add(Arguments.of(source, target, CANARY, format));
        }
      }
    }
    cases.add(Arguments.of(Source.FLAG, Target.RIGHT_TOKEN, ESCAPED, ReportFormat.table));
    cases.add(Arguments.of(Source.FLAG, Target.ECHO_BEARER, ESCAPED, ReportFormat.json));
    cases.add(Arguments.of(Source.CRED_HELPER, Target.WRONG_BASIC, ESCAPED, ReportFormat.sarif));
    cases.add(Arguments.of(Source.CRED_HELPER, Target.ECHO_BASIC, ESCAPED, ReportFormat.junit));
    cases.add(Arguments.of(Source.CONFIG_FILE, Target.ECHO_BEARER, ESCAPED, ReportFormat.markdown));
    cases.add(Arguments.of(Source.CONFIG_FILE, Target.ECHO_BASIC, ESCAPED, ReportFormat.json));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} to {1} ({2}, -o {3})")
  @MethodSource("everySourceAndTarget")
  void audit_canaryThroughEachSource_neverPrintedNorWritten(
      Source source, Target target, String secret, ReportFormat format) throws Exception {
    String host = host(target);
    String user = user(target, secret);
    Path chart = chart(dir);
    Path reports = dir.resolve("reports");
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                chart.toString(),
                "--set",
                "image.registry=" + host,
                "--registry",
                host,
                "-o",
                format.name(),
                "--report-dir",
                reports.toString()));
    for (String insecure : insecureHosts(target, host)) {
      args.addAll(List.of("--insecure-registry", insecure));
    }
    Run run = run(source, host, user, secret, args);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(expectedExit(target));
    assertNoCanary(run, reports, user, secret);
    assertSecretWasUsed(target, run, secret);
  }

  /**
   * rewrite resolves credentials as audit does (every source is run through audit above): each of
   * these sources once, each target once, both output formats.
   */
  static Stream<Arguments> rewriteSources() {
    return Stream.of(
        Arguments.of(Source.ENV, Target.RIGHT_TOKEN),
        Arguments.of(Source.DOCKER_AUTHS, Target.ECHO_BEARER),
        Arguments.of(Source.CRED_HELPER, Target.WRONG_BASIC));
  }

  /** {@code rewrite --pin-digests} asks the target registry with the audit's credentials. */
  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("rewriteSources")
  void rewritePinDigests_canaryThroughEachSource_neverPrinted(Source source, Target target)
      throws Exception {
    String host = host(target);
    String user = user(target, CANARY);
    Path chart = chart(dir);
    Path values = Files.writeString(dir.resolve("values-prod.yaml"), "image:\n  tag: \"1.0.0\"\n");
    // rewrite has no --insecure-registry: the test registries (and token issuers) speak plain HTTP
    Path config =
        Files.writeString(
            dir.resolve("rewrite.yaml"),
            "insecureRegistries: [\""
                + String.join("\", \"", insecureHosts(target, host))
                + "\"]\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "rewrite",
                chart.toString(),
                "-f",
                values.toString(),
                "--mapping",
                "docker.io=" + host + "/dh",
                "--pin-digests",
                "--config",
                config.toString(),
                "--dry-run",
                "--output-format",
                target == Target.RIGHT_TOKEN ? "table" : "json"));
    Run run = run(source, host, user, CANARY, args);

    assertThat(run.exitCode()).as(run.toString()).isIn(0, 1, Main.FAILURE);
    if (target == Target.RIGHT_TOKEN) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("@sha256:");
    }
    assertNoCanary(run, null, user, CANARY);
    if (target == Target.ECHO_BEARER) {
      assertThat(echoBearer.receivedCredentials()).anyMatch(c -> c.contains(CANARY));
    }
  }

  /**
   * A token realm on plain HTTP on a port not listed as insecure (only the registry is) gets no
   * credentials at all: the check is blocked, and says so without the secret.
   */
  @Test
  void audit_tokenRealmNotListedInsecure_getsNoCanaryAndIsBlocked() throws Exception {
    try (EchoRegistry unlisted = EchoRegistry.start(true)) {
      String host = unlisted.host();
      Path chart = chart(dir);
      Path reports = dir.resolve("reports");
      Run run =
          run(
              Source.FLAG,
              host,
              USER,
              CANARY,
              List.of(
                  "audit",
                  chart.toString(),
                  "--set",
                  "image.registry=" + host,
                  "--registry",
                  host,
                  "--insecure-registry",
                  host,
                  "-o",
                  "table",
                  "--report-dir",
                  reports.toString()));

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(AuditCommand.FINDINGS);
      assertThat(unlisted.receivedCredentials())
          .as("neither the registry nor its unlisted realm got any credentials")
          .isEmpty();
      assertThat(run.out()).as(run.toString()).containsIgnoringCase("blocked");
      assertThat(run.out() + run.err())
          .as(run.toString())
          .contains("Not sending the credentials for " + host)
          .contains(unlisted.realmHost());
      assertNoCanary(run, reports, USER, CANARY);
    }
  }

  /** A secret written into katafraktos.yaml by mistake is refused without being quoted. */
  @Test
  void audit_inlineSecretInConfig_refusedWithoutQuotingIt() throws Exception {
    Path chart = chart(dir);
    for (String config :
        List.of(
            "credentials:\n  \"h.corp\":\n    username: u\n    password: " + CANARY + "\n",
            "credentials:\n  \"h.corp\":\n    username: u\n    password: \"" + CANARY + "\n",
            "credentials:\n  \"h.corp\": {username: u, token: " + CANARY + ", ]\n")) {
      Path file = Files.writeString(dir.resolve("katafraktos.yaml"), config);
      Run run =
          run(
              null,
              "h.corp",
              "u",
              CANARY,
              List.of("audit", chart.toString(), "--offline", "--config", file.toString()));

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.FAILURE);
      assertThat(run.err()).as(run.toString()).contains("katafraktos.yaml");
      assertNoCanary(run, null, "u", CANARY);
    }
  }

  /**
   * A broken docker config around the secret, or a helper answering the bare secret: JSON parsers
   * quote the token they choke on, and that token is the secret.
   */
  @Test
  void audit_dockerConfigOrHelperBrokenAroundTheSecret_errorDoesNotQuoteIt() throws Exception {
    String secret = "kfkcanary7f3e9b1c"; // one JSON token: a parser quotes it whole
    String host = basic.host();
    Path chart = chart(dir);
    Path docker = Files.createDirectories(dir.resolve("broken-docker"));
    Path bin = Files.createDirectories(dir.resolve("broken-bin"));
    Path helper = bin.resolve("docker-credential-bare");
    Files.writeString(helper, "#!/bin/sh\nread -r url\necho '" + secret + "'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    for (String config :
        List.of(
            "{\"auths\":{\"" + host + "\":{\"username\":\"u\",\"password\": " + secret + "}}}",
            "{\"credHelpers\":{\"" + host + "\":\"bare\"}}")) {
      Files.writeString(docker.resolve("config.json"), config);
      Process process =
          PackagedCli.create()
              .jvm("-Xmx256m")
              .in(dir)
              .env("DOCKER_CONFIG", docker.toString())
              .env("PATH", bin + ":" + System.getenv("PATH"))
              .start(
                  "audit",
                  chart.toString(),
                  "--set",
                  "image.registry=" + host,
                  "--registry",
                  host,
                  "--insecure-registry",
                  host,
                  "-o",
                  "json");
      Run run = Run.of(process, List.of("audit", "(broken docker config)"));

      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.out() + run.err()).as(run.toString()).contains("JSON");
      assertThat(run.out() + run.err()).as(run.toString()).doesNotContain("kfkcanary");
    }
  }

  private static String host(Target target) {
    return switch (target) {
      case RIGHT_BASIC, WRONG_BASIC -> basic.host();
      case RIGHT_TOKEN, WRONG_TOKEN -> token.host();
      case REFUSED -> "127.0.0.1:" + closedPort();
      case ECHO_BASIC -> echoBasic.host();
      case ECHO_BEARER -> echoBearer.host();
    };
  }

  /** What the run lists as insecure: the target and, where there is one, its token issuer. */
  private static List<String> insecureHosts(Target target, String host) {
    return switch (target) {
      case RIGHT_TOKEN, WRONG_TOKEN -> token.insecureHosts();
      case ECHO_BASIC -> echoBasic.insecureHosts();
      case ECHO_BEARER -> echoBearer.insecureHosts();
      default -> List.of(host);
    };
  }

  /** The user whose password the secret is, or (WRONG_*) one whose password it is not. */
  private static String user(Target target, String secret) {
    if (target == Target.WRONG_BASIC || target == Target.WRONG_TOKEN) {
      return OTHER;
    }
    return secret.equals(CANARY) ? USER : ESCAPED_USER;
  }

  private static int expectedExit(Target target) {
    return switch (target) {
      case RIGHT_BASIC, RIGHT_TOKEN -> 0;
      // an image that cannot be checked is an error finding, not a failure of the run
      default -> AuditCommand.FINDINGS;
    };
  }

  private static void assertSecretWasUsed(Target target, Run run, String secret) {
    String said = (run.out() + run.err()).toLowerCase(java.util.Locale.ROOT);
    switch (target) {
      case WRONG_BASIC, WRONG_TOKEN -> assertThat(said).as(run.toString()).contains("unauthorized");
      case REFUSED -> assertThat(said).as(run.toString()).contains("connection refused");
      case ECHO_BASIC ->
          assertThat(echoBasic.receivedCredentials())
              .as("the hostile registry got the secret, so it could quote it")
              .anyMatch(c -> c.endsWith(":" + secret));
      case ECHO_BEARER ->
          assertThat(echoBearer.receivedCredentials())
              .as("the hostile realm got the secret, so it could quote it")
              .anyMatch(c -> c.endsWith(":" + secret));
      default -> {}
    }
  }

  /** Runs the packaged CLI with the credential given through {@code source}. */
  private Run run(Source source, String host, String user, String secret, List<String> args)
      throws IOException, InterruptedException {
    // what the hostile registries received is this run's alone
    echoBasic.forget();
    echoBearer.forget();
    // C1 only: a short run spends most of its CPU in the JIT; what it prints does not change
    PackagedCli cli = PackagedCli.create().jvm("-Xmx256m").jvm("-XX:TieredStopAtLevel=1").in(dir);
    // an empty docker config unless the source is one: the user's own must not interfere
    Path docker = Files.createDirectories(dir.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{}");
    cli.env("DOCKER_CONFIG", docker.toString());
    cli.env("KATAFRAKTOS_REGISTRY_USERNAME", "");
    cli.env("KATAFRAKTOS_REGISTRY_PASSWORD", "");
    List<String> all = new ArrayList<>(args);
    String stdin = null;
    if (source != null) {
      switch (source) {
        case FLAG -> {
          all.addAll(List.of("--username", user, "--password-stdin"));
          stdin = secret + "\n";
        }
        case ENV -> {
          cli.env("KATAFRAKTOS_REGISTRY_USERNAME", user);
          cli.env("KATAFRAKTOS_REGISTRY_PASSWORD", secret);
        }
        case DOCKER_AUTHS ->
            Files.writeString(
                docker.resolve("config.json"),
                "{\"auths\":{\""
                    + host
                    + "\":{\"auth\":\""
                    + b64(user + ":" + secret)
                    + "\",\"identitytoken\":\""
                    + json(secret)
                    + "\"}}}");
        case CRED_HELPER, CREDS_STORE -> {
          Path bin = helper(user, secret);
          cli.env("PATH", bin + ":" + System.getenv("PATH"));
          Files.writeString(
              docker.resolve("config.json"),
              source == Source.CRED_HELPER
                  ? "{\"credHelpers\":{\"" + host + "\":\"canary\"}}"
                  : "{\"credsStore\":\"canary\"}");
        }
        case CONFIG_FILE -> {
          Files.writeString(dir.resolve("secret.txt"), secret + "\n");
          Path config =
              Files.writeString(
                  dir.resolve("katafraktos.yaml"),
                  "credentials:\n  \""
                      + host
                      + "\":\n    username: "
                      + user
                      + "\n    passwordFile: secret.txt\n");
          all.addAll(List.of("--config", config.toString()));
        }
      }
    }
    return Run.of(cli, stdin, all);
  }

  /** {@code docker-credential-canary}, answering with the canary as Secret whatever it is asked. */
  private Path helper(String user, String secret) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path answer =
        Files.writeString(
            bin.resolve("answer.json"),
            "{\"ServerURL\":\"x\",\"Username\":\""
                + user
                + "\",\"Secret\":\""
                + json(secret)
                + "\"}");
    Path helper = bin.resolve("docker-credential-canary");
    Files.writeString(helper, "#!/bin/sh\nread -r url\ncat '" + answer + "'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  private static Path chart(Path dir) throws IOException {
    Path chart = dir.resolve("web");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("values.yaml"),
        "image:\n  registry: docker.io\n  repository: team/web\n  tag: \"1.0.0\"\n");
    Files.writeString(
        chart.resolve("templates/deployment.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: web",
            "          image: \"{{ .Values.image.registry }}/{{ .Values.image.repository }}:"
                + "{{ .Values.image.tag }}\"",
            ""));
    return chart;
  }

  /**
   * Nowhere in stdout, stderr or a report: the secret, its base64, the base64 of {@code
   * user:secret}, its URL-encoded form, the first half of any of them, nor (for the escaped canary)
   * its marker.
   */
  private static void assertNoCanary(Run run, Path reports, String user, String secret)
      throws IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("stdout", run.out());
    outputs.put("stderr", run.err());
    if (reports != null) {
      assertThat(reports).as(run.toString()).isDirectory();
      try (Stream<Path> files = Files.list(reports)) {
        for (Path f : files.toList()) {
          outputs.put(f.getFileName().toString(), Files.readString(f));
        }
      }
      for (ReportFormat format : ReportFormat.values()) {
        assertThat(outputs).as(run.toString()).containsKey(format.format().fileName());
      }
    }
    List<String> forms =
        new ArrayList<>(
            List.of(
                secret,
                b64(secret),
                b64(user + ":" + secret),
                URLEncoder.encode(secret, StandardCharsets.UTF_8)));
    // a secret cut short by a length limit still gives its first half away
    for (String form : List.copyOf(forms)) {
      forms.add(form.substring(0, Math.max(8, form.length() / 2)));
    }
    forms.add(secret.equals(CANARY) ? "7f3e9b1c" : ESCAPED_MARKER);
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      for (String form : forms) {
        assertThat(output.getValue()).as("%s of %s", output.getKey(), run).doesNotContain(form);
      }
    }
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** One run of the packaged CLI, with something on stdin. */
  record Run(List<String> args, int exitCode, String out, String err) {
    static Run of(PackagedCli cli, String stdin, List<String> args)
        throws IOException, InterruptedException {
      Process process = cli.start(args.toArray(String[]::new));
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      return of(process, args);
    }

    static Run of(Process process, List<String> args) throws IOException, InterruptedException {
      process.getOutputStream().close();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String out = read(process.getInputStream());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("katafraktos " + args + " ran over 2 min");
      }
      return new Run(args, process.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      // the failure message of an assertion must not print the canary either
      return "katafraktos "
          + String.join(" ", args)
          + " -> "
          + exitCode
          + "\n--- stdout\n"
          + mask(out)
          + "\n--- stderr\n"
          + mask(err);
    }

    private static String mask(String s) {
      return s.replace(CANARY, "<CANARY>")
          .replace(ESCAPED_MARKER, "<ESCAPED>")
          .replace("kfkcanary", "<CANARY>");
    }
  }
}
