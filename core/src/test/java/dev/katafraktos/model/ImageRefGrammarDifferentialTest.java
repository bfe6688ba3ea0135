package dev.katafraktos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compares the hand-written scanners of {@link ImageRefGrammar} with regular expressions written
 * straight from the grammar, on many generated strings. The vectors cover the cases upstream
 * thought of; this covers the combinations in between. Java's backtracking matcher picks the same
 * captures as Go's leftmost-first RE2 for these patterns; the inputs stay short, where the
 * backtracking cost and stack depth of {@code java.util.regex} do not matter.
 */
class ImageRefGrammarDifferentialTest {

  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
  private static final String DOMAIN = "(?:" + DOMAIN_NAME + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String TAG = "\\w[\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

  private static final Pattern DOMAIN_PATTERN = Pattern.compile(DOMAIN);
  private static final Pattern TAG_PATTERN = Pattern.compile(TAG);
  private static final Pattern DIGEST_PATTERN = Pattern.compile(DIGEST);
  private static final Pattern NAME_PATTERN =
      Pattern.compile("(?:(" + DOMAIN + ")/)?(" + PATH + ")");
  private static final Pattern REFERENCE_PATTERN =
      Pattern.compile(
          "((?:" + DOMAIN + "/)?" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern GO_DIGEST_PATTERN =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  /** Pieces that make up references and near misses. */
  private static final List<String> TOKENS = tokens();

  private static final int SAMPLES = 25_000;

  @Test
  void scanners_agreeWithGrammarRegexes_onGeneratedStrings() {
    Random random = new Random(20240501L);
    int references = 0;
    int domains = 0;
    for (int i = 0; i < SAMPLES; i++) {
      String s = generate(random);
      assertEquals(matches(DOMAIN_PATTERN, s), ImageRefGrammar.isDomain(s), () -> "isDomain " + s);
      assertEquals(matches(TAG_PATTERN, s), ImageRefGrammar.isTag(s), () -> "isTag " + s);
      assertEquals(matches(DIGEST_PATTERN, s), ImageRefGrammar.isDigest(s), () -> "isDigest " + s);
      assertEquals(name(s), ImageRefGrammar.matchName(s), () -> "matchName " + s);
      assertEquals(reference(s), ImageRefGrammar.matchReference(s), () -> "matchReference " + s);
      assertGoDigestSyntax(s);
      references += ImageRefGrammar.isReference(s) ? 1 : 0;
      domains += ImageRefGrammar.isDomain(s) ? 1 : 0;
    }
    // Guards the generator: a run of near misses only would prove little.
    assertThat(references).isGreaterThan(SAMPLES / 20);
    assertThat(domains).isGreaterThan(SAMPLES / 20);
  }

  /** An unknown algorithm is "unsupported" exactly when go-digest's own syntax matches. */
  private static void assertGoDigestSyntax(String s) {
    String unknown = "x" + s;
    if (unknown.indexOf(':') > 0 && !unknown.endsWith(":")) {
      InvalidImageReferenceException.Kind expected =
          matches(GO_DIGEST_PATTERN, unknown)
              ? InvalidImageReferenceException.Kind.DIGEST_UNSUPPORTED
              : InvalidImageReferenceException.Kind.DIGEST_INVALID_FORMAT;
      assertEquals(expected, Digests.validate(unknown), () -> "validate " + unknown);
    }
  }

  private static Optional<ImageRef> name(String s) {
    Matcher m = NAME_PATTERN.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImageRef(m.group(1) == null ? "" : m.group(1), m.group(2), null, null));
  }

  private static Optional<ImageRef> reference(String s) {
    Matcher m = REFERENCE_PATTERN.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    ImageRef name = name(m.group(1)).orElseThrow();
    return Optional.of(new ImageRef(name.domain(), name.path(), m.group(2), m.group(3)));
  }

  private static boolean matches(Pattern pattern, String s) {
    return pattern.matcher(s).matches();
  }

  private static List<String> tokens() {
    String plain = "a b z 0 9 ab A F G . _ __ ___ - -- / / : : @ [ ] :: fd00 localhost 5000";
    List<String> tokens = new ArrayList<>(List.of(plain.split(" ")));
    tokens.addAll(List.of("example.com", "%", "$", " ", "\n", "+", "=", "sha256:", "SHA"));
    tokens.addAll(List.of("f".repeat(32), "F".repeat(32), "e".repeat(64)));
    return tokens;
  }

  private static String generate(Random random) {
    StringBuilder s = new StringBuilder();
    int tokens = 1 + random.nextInt(10);
    for (int i = 0; i < tokens; i++) {
      s.append(TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return s.toString();
  }
}
