package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.policy.CredentialRef;
import dev.katafraktos.testsupport.PropertyRuns;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * A canary secret never comes out of the places that hold or see one: the toString of every holder
 * of a credential, a registry's error body quoting our Authorization header, and the parse errors
 * of a docker config or a credential helper's answer.
 */
class SecretRedactionTest {
  static final String CANARY = "kfk-canary-7f3e9b1c";

  /** Characters that JSON, XML, URLs and shells escape. */
  static final String ESCAPED_CANARY = "kfk\"<&'>\\ %+/=canary";

  @TempDir Path dir;

  @Test
  void toString_everyCredentialHolder_hidesThePassword() {
    for (String secret : List.of(CANARY, ESCAPED_CANARY)) {
      RegistryCredential credential = new RegistryCredential("user", secret);
      List<Object> holders =
          List.of(
              credential,
              new HarborCredentials("robot$ci", secret),
              new RegistryLogin("harbor.corp", "user", secret),
              RegistryCredentials.explicit(Map.of("harbor.corp", credential)),
              StaticCredentials.fromEnvironment(
                  Map.of(
                      "KATAFRAKTOS_REGISTRY_USERNAME",
                      "user",
                      "KATAFRAKTOS_REGISTRY_PASSWORD",
                      secret)),
              StaticCredentials.fromEnvironment(
                  Map.of(
                      "KATAFRAKTOS_REGISTRY_USERNAME",
                      "user",
                      "KATAFRAKTOS_REGISTRY_PASSWORD",
                      secret),
                  Set.of("harbor.corp")),
              RegistryCredentials.chain(RegistryCredentials.explicit(Map.of("h", credential))),
              RegistrySettings.builder()
                  .credentials(RegistryCredentials.explicit(Map.of("h", credential)))
                  .build(),
              new HarborClient(
                  java.net.URI.create("https://harbor.corp"),
                  new HarborCredentials("robot$ci", secret),
                  java.time.Duration.ofSeconds(1),
                  null),
              new CredentialRef("user", null, "HARBOR_PASSWORD", null));
      for (Object holder : holders) {
        assertNoSecret(String.valueOf(holder), "user", secret);
      }
    }
  }

  @Test
  void redact_authorizationHeaderEchoed_masksEveryForm() {
    String pair = "user:" + CANARY;
    String body =
        String.join(
            "\n",
            "Authorization: Basic " + b64(pair),
            "decoded: " + pair,
            "url: " + URLEncoder.encode(CANARY, StandardCharsets.UTF_8),
            "password-only: " + b64(CANARY),
            "unpadded: " + b64(pair).replace("=", ""));

    String redacted = Redaction.redact(body, "user", CANARY);

    assertNoSecret(redacted, "user", CANARY);
    assertThat(redacted).contains("Authorization: Basic ****").contains("decoded: user:****");
  }

  @Test
  void redact_escapedCanaryInJsonXmlAndUrlForms_masksEveryForm() {
    String json = "{\"got\":\"kfk\\\"<&'>\\\\ %+/=canary\"}";
    String goJson = "{\"got\":\"kfk\\\"\\u003c\\u0026'\\u003e\\\\ %+/=canary\"}";
    String xml = "<got>kfk&quot;&lt;&amp;&apos;&gt;\\ %+/=canary</got>";
    String url = "?p=" + URLEncoder.encode(ESCAPED_CANARY, StandardCharsets.UTF_8);

    for (String text : List.of(json, goJson, xml, url)) {
      String redacted = Redaction.redact(text, "user", ESCAPED_CANARY);

      assertThat(redacted).as(text).contains(Redaction.MASK).doesNotContain("canary");
    }
  }

  /** Property: {@link PropertyRuns#tries()} tries. */
  @Test
  void redact_anySecretAnyForm_leavesNoneOfIt() {
    PropertyRuns.qt()
        .forAll(texts(4, 40), texts(0, 30), texts(0, 30))
        .assuming((secret, before, after) -> !secret.contains(Redaction.MASK.substring(0, 1)))
        .checkAssert(SecretRedactionTest::assertRedactedInEveryForm);
  }

  /**
   * Printable ASCII (where base64's {@code +/=} and URL escapes live), the Basic Multilingual Plane
   * and every code point: {@code min} to {@code max} code points, at most {@code max} chars.
   */
  private static Gen<String> texts(int min, int max) {
    return strings()
        .basicLatinAlphabet()
        .ofLengthBetween(min, max)
        .mix(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(min, max), 30)
        .mix(strings().allPossible().ofLengthBetween(min, max), 20);
  }

  private static void assertRedactedInEveryForm(String secret, String before, String after) {
    String pair = "u:" + secret;
    for (String form :
        List.of(
            secret,
            b64(pair),
            b64(secret),
            URLEncoder.encode(secret, StandardCharsets.UTF_8),
            "Basic " + b64(pair))) {
      String text = before + form + after;

      String redacted = Redaction.redact(text, "u", secret);

      assertThat(redacted.contains(form) && !before.contains(form) && !after.contains(form))
          .as("%s still in %s", form, redacted)
          .isFalse();
    }
  }

  @Test
  void redact_shortSecret_leavesTextAlone() {
    // masking "ab" would blank every "ab" of a message and say what the password is
    assertThat(Redaction.redact("about tabs", "u", "ab")).isEqualTo("about tabs");
  }

  @Test
  void message_secretAcrossTheCutOff_isMaskedBeforeTheCut() {
    String body = "x".repeat(190) + " user:" + CANARY + " and more";

    String message =
        RegistryErrors.message(
            body.getBytes(StandardCharsets.UTF_8),
            text -> Redaction.redact(text, Optional.of(new RegistryCredential("user", CANARY))));

    assertThat(message).doesNotContain("kfk-").contains("user:****");
  }

  /**
   * A token service's refusal is cut to length by whoever built the message (BearerTokens, before
   * any redaction): the start of the secret right before the cut must not print either.
   */
  @Test
  void redact_secretCutShortByALengthLimit_masksItsStart() {
    String encoded = URLEncoder.encode("user:" + ESCAPED_CANARY, StandardCharsets.UTF_8);
    byte[] body = ("x".repeat(150) + " that is " + encoded).getBytes(StandardCharsets.UTF_8);
    String refusal = "Token service refused (HTTP 401: " + RegistryErrors.message(body) + ")";
    assertThat(refusal).contains("kfk%22%3C%26");

    String redacted = Redaction.redact(refusal, "user", ESCAPED_CANARY);

    assertThat(redacted).doesNotContain("kfk").endsWith("user%3A****...)");
  }

  @Test
  void harborError_bodyQuotingTheCredentials_isRedacted() {
    HarborCredentials credentials = new HarborCredentials("robot$ci", CANARY);
    String body =
        "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"bad request with "
            + credentials.basicAuthorization()
            + " for robot$ci:"
            + CANARY
            + "\"}]}";

    HarborException e =
        HarborErrors.status("https://harbor.corp", "/api/v2.0/projects/p", 500, body, credentials);

    assertNoSecret(e.getMessage(), "robot$ci", CANARY);
    assertThat(e.getMessage()).contains("bad request with Basic ****");
  }

  @Test
  void find_dockerConfigNotJsonAroundTheSecret_failsWithoutQuotingIt() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("config.json"), "{\"auths\":{\"h\":{\"password\": kfkcanary7f3e9b1c}}}");

    assertThatThrownBy(() -> new DockerConfigCredentials(config, Map.of()).find("h"))
        .hasMessageContaining(config.toString())
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("kfkcanary");
  }

  @Test
  void find_helperAnswersTheBareSecret_failsWithoutQuotingIt() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path helper = bin.resolve("docker-credential-bare");
    Files.writeString(helper, "#!/bin/sh\nread -r url\necho 'kfkcanary7f3e9b1c'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"bare\"}");

    assertThatThrownBy(
            () ->
                new DockerConfigCredentials(config, Map.of("PATH", bin.toString())).find("h.corp"))
        .hasMessageContaining("docker-credential-bare")
        .hasMessageContaining("invalid JSON")
        .hasMessageNotContaining("kfkcanary");
  }

  /** Neither the secret, nor its base64, nor the base64 of {@code user:secret}, nor URL-encoded. */
  static void assertNoSecret(String text, String user, String secret) {
    assertThat(text)
        .doesNotContain(secret)
        .doesNotContain(b64(secret))
        .doesNotContain(b64(user + ":" + secret))
        .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
