package dev.katafraktos.model;

import static dev.katafraktos.testsupport.PropertyRuns.qt;
import static dev.katafraktos.testsupport.PropertyRuns.unchecked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the image-reference parser on generated input. The extractor feeds every string of
 * a rendered chart through these functions, and charts come from pull requests: whatever the input,
 * a parse either returns or throws {@link InvalidImageReferenceException} with a bounded one-line
 * message, finishes (no catastrophic backtracking, no stack overflow), and what it returns formats
 * to text that parses back to the same reference.
 *
 * <p>QuickTheories through {@link dev.katafraktos.testsupport.PropertyRuns}: CI runs its bounded
 * default; a longer run: {@code mvn -B -pl core test -Dtest='*Properties'
 * -Dkatafraktos.tries=20000}. A failure prints the seed that replays it.
 */
class ImageRefProperties {

  /**
   * Generous: the scanners are linear and a try takes milliseconds; only a hang (exponential
   * backtracking) or a pathological slowdown reaches this, on any machine.
   */
  private static final long HANG_SECONDS = 120;

  /**
   * The round-trip property says something only about inputs that parse: in a run of at least
   * {@link #MIN_TRIES_FOR_SHARE} tries, at least this share of the near references (about 30 %)
   * must parse by some entry point.
   */
  private static final int MIN_PARSED_PERCENT = 15;

  private static final int MIN_TRIES_FOR_SHARE = 100;

  private static final ExecutorService WORKER =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "image-ref-property");
            thread.setDaemon(true);
            return thread;
          });

  private static final ImageRef BASE =
      new ImageRef("harbor.example.com:8443", "lib/app", "1", null);

  @AfterAll
  static void stopWorker() {
    WORKER.shutdownNow();
  }

  // ---- (1) every entry point returns or throws its own exception ----

  @Test
  void everyEntryPoint_anyString_returnsOrThrowsItsOwnException() {
    qt().forAll(hostileStrings()).checkAssert(input -> run(() -> checkEveryEntryPoint(input)));
  }

  @Test
  void everyEntryPoint_longAdversarialInput_finishesAndThrowsItsOwnException() {
    qt().forAll(longAdversarial())
        .checkAssert(input -> run(() -> checkEveryEntryPoint(input.text())));
  }

  private static void checkEveryEntryPoint(String input) throws Exception {
    List<Callable<Object>> entryPoints =
        List.of(
            () -> ImageRef.parse(input),
            () -> ImageRef.parseNormalized(input),
            () -> ImageRef.parseCanonical(input),
            () -> ImageRef.parseDockerRef(input),
            () -> ImageRef.parseAny(input),
            () -> ImageRef.parseName(input),
            () -> BASE.withTag(input),
            () -> BASE.withDigest(input),
            () -> ImageRef.tryParseNormalized(input),
            () -> ImageRef.isValid(input),
            () -> ImageRefGrammar.matchReference(input),
            () -> ImageRefGrammar.matchName(input));
    for (Callable<Object> entryPoint : entryPoints) {
      Object result = outcome(entryPoint, input);
      if (result instanceof InvalidImageReferenceException e) {
        assertOneBoundedLine(e, input);
      }
    }
    // the cheap checks agree with the throwing parse they stand for
    boolean parses = !(outcome(() -> ImageRef.parseNormalized(input), input) instanceof Exception);
    assertThat(ImageRef.isValid(input)).as("isValid(%s)", abbreviate(input)).isEqualTo(parses);
    assertThat(ImageRef.tryParseNormalized(input).isPresent()).isEqualTo(parses);
  }

  /**
   * The message is printed as the one line that names a bad value, in CI logs of untrusted pull
   * requests: bounded in length and free of anything a terminal or a CI log parser would act on.
   */
  private static void assertOneBoundedLine(InvalidImageReferenceException e, String input) {
    String message = e.getMessage();
    assertThat(message).as("message for %s", abbreviate(input)).isNotBlank().hasSizeLessThan(800);
    assertThat(message.codePoints().filter(ImageRefProperties::unprintable).toArray())
        .as("unprintable characters in the message for %s: %s", abbreviate(input), message)
        .isEmpty();
    assertThat(e.input()).isEqualTo(input);
    assertThat(e.kind()).isNotNull();
  }

  private static boolean unprintable(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  // ---- (2) generated valid references parse to their parts and format back ----

  @Test
  void parse_generatedReferenceWithDomain_givesItsPartsAndFormatsBackExactly() {
    qt().forAll(domains(), paths(), tags(), digests())
        .checkAssert(
            (domain, path, tag, digest) ->
                run(
                    () -> {
                      String text = format(domain, path, tag, digest);

                      ImageRef ref = ImageRef.parse(text);

                      assertThat(ref).isEqualTo(new ImageRef(domain, path, tag, digest));
                      assertThat(ref.toString()).isEqualTo(text);
                      assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
                    }));
  }

  @Test
  void parse_generatedReferenceWithoutDomain_formatsBackExactly() {
    qt().forAll(paths(), tags(), digests())
        .checkAssert(
            (path, tag, digest) ->
                run(
                    () -> {
                      String text = format("", path, tag, digest);

                      ImageRef ref = ImageRef.parse(text);

                      // the first of several components may be read as a domain, as in Go; the
                      // text is the same
                      assertThat(ref.toString()).isEqualTo(text);
                      assertThat(ref.name()).isEqualTo(path);
                      assertThat(ref.tag()).isEqualTo(tag);
                      assertThat(ref.digest()).isEqualTo(digest);
                      assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
                    }));
  }

  @Test
  void parseNormalized_generatedReference_normalizedAndFamiliarFormsRoundTrip() {
    qt().forAll(optionalDomains(), paths(), tags(), digests())
        .checkAssert(
            (domain, path, tag, digest) ->
                run(() -> checkNormalizedRoundTrip(format(domain, path, tag, digest))));
  }

  private static void checkNormalizedRoundTrip(String text) throws Exception {
    ImageRef ref = ImageRef.parseNormalized(text);

    // no domain_not_empty check: like Go, "a.b_c/d" normalizes to a name without domain, since
    // its dotted first part is no host and the whole is a path
    assertThat(ImageRef.parseNormalized(ref.toString())).isEqualTo(ref);
    assertThat(ImageRef.parseCanonical(ref.toString())).isEqualTo(ref);
    assertThat(ImageRef.parseNormalized(ref.familiarString()))
        .as("familiar form %s of %s", ref.familiarString(), ref)
        .isEqualTo(ref);
    assertThat(ImageRef.parseNormalized(ref.familiarName()))
        .isEqualTo(new ImageRef(ref.domain(), ref.path(), null, null));
    assertThat(ImageRef.parseDockerRef(ref.toString())).isEqualTo(ImageRef.parseDockerRef(text));
  }

  @Test
  void withTagAndWithDigest_generatedParts_formatToWhatParsesBack() {
    qt().forAll(domains(), paths(), tags(), digests())
        .checkAssert(
            (domain, path, tag, digest) ->
                run(() -> checkWithTagAndWithDigest(domain, path, tag, digest)));
  }

  private static void checkWithTagAndWithDigest(
      String domain, String path, String tag, String digest) throws Exception {
    ImageRef ref = ImageRef.parseName(domain + "/" + path);
    if (tag != null) {
      ref = ref.withTag(tag);
    }
    if (digest != null) {
      ref = ref.withDigest(digest);
    }

    assertThat(ref).isEqualTo(new ImageRef(domain, path, tag, digest));
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  // ---- (3) whatever parses formats to text that parses to the same value ----

  @Test
  void everyParse_whatParses_formatsToTextThatParsesToTheSameValue() {
    AtomicInteger tries = new AtomicInteger();
    AtomicInteger parsed = new AtomicInteger();
    qt().forAll(nearReferences())
        .checkAssert(
            input ->
                run(
                    () -> {
                      tries.incrementAndGet();
                      if (checkWhatParsesIsStable(input)) {
                        parsed.incrementAndGet();
                      }
                    }));
    System.out.printf(
        "everyParse_whatParses_formatsToTextThatParsesToTheSameValue: %d of %d parse%n",
        parsed.get(), tries.get());
    if (tries.get() >= MIN_TRIES_FOR_SHARE) {
      assertThat(parsed.get() * 100 / tries.get())
          .as("percent of near references that parse by some entry point")
          .isGreaterThanOrEqualTo(MIN_PARSED_PERCENT);
    }
  }

  /** Whether {@code input} parsed by some entry point; what parsed is checked. */
  private static boolean checkWhatParsesIsStable(String input) throws Exception {
    boolean any = false;
    if (outcome(() -> ImageRef.parse(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parse);
      any = true;
    }
    if (outcome(() -> ImageRef.parseNormalized(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseNormalized);
      assertThat(ImageRef.parseNormalized(ref.familiarString())).isEqualTo(ref);
      any = true;
    }
    if (outcome(() -> ImageRef.parseDockerRef(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseDockerRef);
      any = true;
    }
    if (outcome(() -> ImageRef.parseName(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseName);
      any = true;
    }
    if (outcome(() -> ImageRef.parseAny(input), input) instanceof AnyReference ref) {
      assertThat(ImageRef.parseAny(ref.toString())).isEqualTo(ref);
      any = true;
    }
    return any;
  }

  private interface Parser {
    ImageRef parse(String input) throws InvalidImageReferenceException;
  }

  private static void assertStable(ImageRef ref, Parser parser) throws Exception {
    String text = ref.toString();
    ImageRef again = parser.parse(text);
    assertThat(again).as("%s formatted as %s", ref, text).isEqualTo(ref);
    assertThat(again.toString()).isEqualTo(text);
  }

  // ---- generators ----

  private static final String LOWER = chars('a', 'z');
  private static final String UPPER = chars('A', 'Z');
  private static final String DIGITS = chars('0', '9');
  private static final String HEX = DIGITS + chars('a', 'f');

  /** Arbitrary text, and text assembled from the pieces references are made of. */
  static Gen<String> hostileStrings() {
    return Generate.oneOf(
            // any UTF-16 text, lone surrogates included; now and then any code points
            text(Generate.range(0, 0xFFFF).map(c -> (char) c.intValue()), 0, 300)
                .mix(strings().allPossible().ofLengthBetween(0, 300), 20),
            strings().ascii().ofLengthBetween(0, 300),
            nearReferences(),
            Generate.constant((String) null))
        .describedAs(ImageRefProperties::literal);
  }

  /** Strings made of reference pieces and the characters around them; many parse. */
  static Gen<String> nearReferences() {
    Gen<String> piece =
        Generate.oneOf(
            arbitrary()
                .pick(
                    "a",
                    "z",
                    "0",
                    "9",
                    "A",
                    "Z",
                    ".",
                    "-",
                    "--",
                    "_",
                    "__",
                    "___",
                    "/",
                    "//",
                    ":",
                    "::",
                    "@",
                    "[",
                    "]",
                    "[::1]",
                    "localhost",
                    "docker.io",
                    "index.docker.io",
                    "library",
                    "sha256:",
                    "sha512:",
                    "sha256",
                    "+",
                    "=",
                    " ",
                    "\n",
                    "\t",
                    "\r",
                    "\0",
                    "İ",
                    "\u212a",
                    "é",
                    "\ud83d\ude00",
                    "\ud800",
                    "\u202e",
                    "\u2028",
                    "\u001b[31m",
                    "#",
                    "%",
                    "$",
                    "{",
                    "}",
                    "*"),
            text(HEX, 1, 130),
            text(LOWER, 1, 8),
            text(DIGITS, 1, 6));
    return lists()
        .of(piece)
        .ofSizes(SMALL_MOSTLY_30)
        .map(pieces -> String.join("", pieces))
        .describedAs(ImageRefProperties::literal);
  }

  /**
   * 0 to 30 pieces, a few more often: a reference is a handful of pieces, and a parse that succeeds
   * is what the round-trip property is about.
   */
  private static final Gen<Integer> SMALL_MOSTLY_30 =
      Generate.frequency(Pair.of(1, Generate.range(0, 30)), Pair.of(1, Generate.range(1, 6)));

  /** A long input: {@code prefix + unit.repeat(times) + suffix}, shown that way on failure. */
  record Repeated(String prefix, String unit, int times, String suffix) {
    String text() {
      return prefix + unit.repeat(times) + suffix;
    }

    @Override
    public String toString() {
      return literal(prefix)
          + " + "
          + literal(unit)
          + ".repeat("
          + times
          + ") + "
          + literal(suffix)
          + " ("
          + text().length()
          + " chars)";
    }
  }

  /**
   * Inputs up to 250 000 characters of the repetitions a backtracking matcher or a recursive
   * scanner chokes on (50 000 times {@code a.} or {@code a-}), with a prefix and a suffix that make
   * them fail late.
   */
  static Gen<Repeated> longAdversarial() {
    Gen<String> unit =
        arbitrary()
            .pick(
                "a.",
                "a-",
                "a_",
                "a__",
                "a/",
                "a:",
                "a@",
                "-",
                ".",
                "_",
                "/",
                ":",
                "@",
                "a",
                "0",
                "A",
                "[",
                "[:",
                "a.b-",
                "sha256:",
                "sha256:a",
                "a" + "/".repeat(3),
                "é",
                "\ud83d\ude00");
    Gen<String> prefix = arbitrary().pick("", "a/", "localhost:5000/", "[::1]:1/", "docker.io/");
    Gen<String> suffix =
        arbitrary()
            .pick("", "!", "-", ".", ":", ":v1", "@sha256:" + "a".repeat(64), "/", "A", "\n");
    // shrinks towards one repetition
    return prefix.zip(unit, Generate.range(1, 50_000, 1), suffix, Repeated::new);
  }

  static Gen<String> optionalDomains() {
    return Generate.oneOf(domains(), Generate.constant(""));
  }

  /** Hosts with an optional port, Docker Hub's names and bracketed IPv6 among them. */
  static Gen<String> domains() {
    String alnum = LOWER + UPPER + DIGITS;
    Gen<String> component =
        Generate.oneOf(
            text(alnum, 1, 1),
            text(alnum, 1, 1)
                .zip(text(alnum + "-", 0, 10), text(alnum, 1, 1), (a, b, c) -> a + b + c));
    Gen<String> name = lists().of(component).ofSizeBetween(1, 4).map(l -> String.join(".", l));
    // groups joined by colons, as in every IPv6 address: "[0]/a" fits the strict grammar, but
    // normalization (Go's too) reads "[0]" as a Docker Hub path component and fails
    Gen<String> ipv6 =
        lists()
            .of(text(HEX + chars('A', 'F'), 0, 4))
            .ofSizeBetween(2, 8)
            .map(groups -> "[" + String.join(":", groups) + "]");
    Gen<String> host =
        Generate.frequency(
            Pair.of(6, name),
            Pair.of(2, arbitrary().pick("docker.io", "index.docker.io", "localhost")),
            Pair.of(1, ipv6));
    Gen<String> port = Generate.oneOf(Generate.constant(""), text(DIGITS, 1, 5).map(p -> ":" + p));
    return host.zip(port, String::concat);
  }

  /** Paths per the grammar, whose components may look like hosts ({@code foo.com}). */
  static Gen<String> paths() {
    Gen<String> word = text(LOWER + DIGITS, 1, 8);
    Gen<String> separator =
        Generate.oneOf(arbitrary().pick(".", "_", "__"), Generate.range(1, 3, 1).map("-"::repeat));
    Gen<String> component =
        word.zip(
            lists().of(separator.zip(word, String::concat)).ofSizeBetween(0, 3),
            (first, rest) -> first + String.join("", rest));
    return lists()
        .of(component)
        .ofSizeBetween(1, 5)
        .map(l -> String.join("/", l))
        // room for "library/" or a domain-like first part that normalization moves into the path
        .assuming(p -> p.length() <= ImageRef.PATH_MAX_LENGTH - 55);
  }

  /** A tag or none ({@code null}, three times in ten). */
  static Gen<String> tags() {
    String word = LOWER + UPPER + DIGITS + "_";
    Gen<String> tag = text(word, 1, 1).zip(text(word + ".-", 0, 127), String::concat);
    return Generate.frequency(Pair.of(7, tag), Pair.of(3, Generate.constant((String) null)));
  }

  /** A digest of an algorithm the parser validates, or none ({@code null}, four times in ten). */
  static Gen<String> digests() {
    Gen<String> digest =
        Generate.oneOf(
            text(HEX, 64, 64).map(h -> "sha256:" + h),
            text(HEX, 96, 96).map(h -> "sha384:" + h),
            text(HEX, 128, 128).map(h -> "sha512:" + h));
    return Generate.frequency(Pair.of(6, digest), Pair.of(4, Generate.constant((String) null)));
  }

  /** Strings of {@code min} to {@code max} characters from {@code alphabet}. */
  private static Gen<String> text(String alphabet, int min, int max) {
    return text(Generate.pick(alphabet.chars().mapToObj(c -> (char) c).toList()), min, max);
  }

  /** Strings of {@code min} to {@code max} characters drawn from {@code chars}. */
  private static Gen<String> text(Gen<Character> chars, int min, int max) {
    Gen<List<Character>> list = lists().of(chars).ofSizeBetween(min, max);
    return list.map(
        cs -> {
          StringBuilder out = new StringBuilder(cs.size());
          cs.forEach(out::append);
          return out.toString();
        });
  }

  /** The characters {@code from} through {@code to}. */
  private static String chars(char from, char to) {
    StringBuilder out = new StringBuilder();
    for (char c = from; c <= to; c++) {
      out.append(c);
    }
    return out.toString();
  }

  private static String format(String domain, String path, String tag, String digest) {
    return (domain.isEmpty() ? "" : domain + "/")
        + path
        + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
  }

  // ---- running an entry point with a hang guard ----

  /**
   * The result of {@code call}, or the {@link InvalidImageReferenceException} it threw. Anything
   * else it throws, a {@link StackOverflowError} included, fails the property; so does a call that
   * does not finish (checked on a worker thread, so that a hang cannot stall the build).
   */
  private static Object outcome(Callable<?> call, String input) throws Exception {
    Future<?> future = WORKER.submit(call);
    try {
      return future.get(HANG_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError(
          "no result after " + HANG_SECONDS + " s (a hang?) for " + abbreviate(input), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InvalidImageReferenceException invalid) {
        return invalid;
      }
      throw new AssertionError(
          "threw "
              + e.getCause()
              + " instead of InvalidImageReferenceException for "
              + abbreviate(input),
          e.getCause());
    }
  }

  /** A property's body, whose checked exceptions fail the try. */
  private interface Body {
    void run() throws Exception;
  }

  private static void run(Body body) {
    unchecked(
        () -> {
          body.run();
          return null;
        });
  }

  /** A string as a Java literal, so that a failing input can be pasted into a test. */
  static String literal(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    value
        .chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                        ? String.valueOf((char) c)
                        : String.format("\\u%04x", c)));
    return out.append('"').toString();
  }

  private static String abbreviate(String input) {
    if (input == null) {
      return "null";
    }
    String shown = input.length() <= 120 ? input : input.substring(0, 120) + "…";
    return "\"" + shown.replace("\n", "\\n") + "\" (" + input.length() + " chars)";
  }
}
