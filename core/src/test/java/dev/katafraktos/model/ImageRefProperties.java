package dev.katafraktos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Properties of the image-reference parser on generated input. The extractor feeds every string of
 * a rendered chart through these functions, and charts come from pull requests: whatever the input,
 * a parse either returns or throws {@link InvalidImageReferenceException} with a bounded one-line
 * message, finishes (no catastrophic backtracking, no stack overflow), and what it returns formats
 * to text that parses back to the same reference.
 *
 * <p>CI runs jqwik's bounded default; a longer run: {@code mvn -B -pl core test
 * -Dtest='*Properties' -Djqwik.tries.default=20000}.
 */
class ImageRefProperties {

  /**
   * Generous: the scanners are linear and a try takes milliseconds; only a hang (exponential
   * backtracking) or a pathological slowdown reaches this, on any machine.
   */
  private static final long HANG_SECONDS = 120;

  private static final ExecutorService WORKER =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "image-ref-property");
            thread.setDaemon(true);
            return thread;
          });

  private static final ImageRef BASE =
      new ImageRef("harbor.example.com:8443", "lib/app", "1", null);

  @AfterContainer
  static void stopWorker() {
    WORKER.shutdownNow();
  }

  // ---- (1) every entry point returns or throws its own exception ----

  @Property
  void everyEntryPoint_anyString_returnsOrThrowsItsOwnException(
      @ForAll("hostileStrings") String input) throws Exception {
    checkEveryEntryPoint(input);
  }

  @Property
  void everyEntryPoint_longAdversarialInput_finishesAndThrowsItsOwnException(
      @ForAll("longAdversarial") String input) throws Exception {
    checkEveryEntryPoint(input);
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

  @Property
  void parse_generatedReferenceWithDomain_givesItsPartsAndFormatsBackExactly(
      @ForAll("domains") String domain,
      @ForAll("paths") String path,
      @ForAll("tags") String tag,
      @ForAll("digests") String digest)
      throws Exception {
    String text = format(domain, path, tag, digest);

    ImageRef ref = ImageRef.parse(text);

    assertThat(ref).isEqualTo(new ImageRef(domain, path, tag, digest));
    assertThat(ref.toString()).isEqualTo(text);
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  @Property
  void parse_generatedReferenceWithoutDomain_formatsBackExactly(
      @ForAll("paths") String path, @ForAll("tags") String tag, @ForAll("digests") String digest)
      throws Exception {
    String text = format("", path, tag, digest);

    ImageRef ref = ImageRef.parse(text);

    // the first of several components may be read as a domain, as in Go; the text is the same
    assertThat(ref.toString()).isEqualTo(text);
    assertThat(ref.name()).isEqualTo(path);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  @Property
  void parseNormalized_generatedReference_normalizedAndFamiliarFormsRoundTrip(
      @ForAll("optionalDomains") String domain,
      @ForAll("paths") String path,
      @ForAll("tags") String tag,
      @ForAll("digests") String digest)
      throws Exception {
    String text = format(domain, path, tag, digest);

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

  @Property
  void withTagAndWithDigest_generatedParts_formatToWhatParsesBack(
      @ForAll("domains") String domain,
      @ForAll("paths") String path,
      @ForAll("tags") String tag,
      @ForAll("digests") String digest)
      throws Exception {
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

  @Property
  void everyParse_whatParses_formatsToTextThatParsesToTheSameValue(
      @ForAll("nearReferences") String input) throws Exception {
    if (outcome(() -> ImageRef.parse(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parse);
    }
    if (outcome(() -> ImageRef.parseNormalized(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseNormalized);
      assertThat(ImageRef.parseNormalized(ref.familiarString())).isEqualTo(ref);
    }
    if (outcome(() -> ImageRef.parseDockerRef(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseDockerRef);
    }
    if (outcome(() -> ImageRef.parseName(input), input) instanceof ImageRef ref) {
      assertStable(ref, ImageRef::parseName);
    }
    if (outcome(() -> ImageRef.parseAny(input), input) instanceof AnyReference ref) {
      assertThat(ImageRef.parseAny(ref.toString())).isEqualTo(ref);
    }
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

  /** Arbitrary text, and text assembled from the pieces references are made of. */
  @Provide
  Arbitrary<String> hostileStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().ascii().ofMaxLength(300),
        nearReferences(),
        Arbitraries.just(null));
  }

  /** Strings made of reference pieces and the characters around them; many parse. */
  @Provide
  Arbitrary<String> nearReferences() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
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
            hex().ofMinLength(1).ofMaxLength(130),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6));
    return piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
  }

  /**
   * Inputs up to 250 000 characters of the repetitions a backtracking matcher or a recursive
   * scanner chokes on (50 000 times {@code a.} or {@code a-}), with a prefix and a suffix that make
   * them fail late.
   */
  @Provide
  Arbitrary<String> longAdversarial() {
    Arbitrary<String> unit =
        Arbitraries.of(
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
    Arbitrary<String> prefix =
        Arbitraries.of("", "a/", "localhost:5000/", "[::1]:1/", "docker.io/");
    Arbitrary<String> suffix =
        Arbitraries.of("", "!", "-", ".", ":", ":v1", "@sha256:" + "a".repeat(64), "/", "A", "\n");
    return Combinators.combine(
            prefix, unit, Arbitraries.integers().between(1, 50_000).shrinkTowards(1), suffix)
        .as((p, u, n, s) -> p + u.repeat(n) + s);
  }

  @Provide
  Arbitrary<String> optionalDomains() {
    return Arbitraries.oneOf(domains(), Arbitraries.just(""));
  }

  /** Hosts with an optional port, Docker Hub's names and bracketed IPv6 among them. */
  @Provide
  Arbitrary<String> domains() {
    Arbitrary<String> component =
        Arbitraries.oneOf(
            alnum(true).ofLength(1),
            Combinators.combine(
                    alnum(true).ofLength(1),
                    Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withCharRange('A', 'Z')
                        .withCharRange('0', '9')
                        .withChars('-')
                        .ofMaxLength(10),
                    alnum(true).ofLength(1))
                .as((a, b, c) -> a + b + c));
    Arbitrary<String> name =
        component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    // groups joined by colons, as in every IPv6 address: "[0]/a" fits the strict grammar, but
    // normalization (Go's too) reads "[0]" as a Docker Hub path component and fails
    Arbitrary<String> ipv6 =
        Arbitraries.strings()
            .withCharRange('0', '9')
            .withCharRange('a', 'f')
            .withCharRange('A', 'F')
            .ofMaxLength(4)
            .list()
            .ofMinSize(2)
            .ofMaxSize(8)
            .map(groups -> "[" + String.join(":", groups) + "]");
    Arbitrary<String> host =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, name),
            net.jqwik.api.Tuple.of(2, Arbitraries.of("docker.io", "index.docker.io", "localhost")),
            net.jqwik.api.Tuple.of(1, ipv6));
    Arbitrary<String> port =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5).map(p -> ":" + p));
    return Combinators.combine(host, port).as(String::concat);
  }

  /** Paths per the grammar, whose components may look like hosts ({@code foo.com}). */
  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> word = alnum(false).ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> separator =
        Arbitraries.oneOf(
            Arbitraries.of(".", "_", "__"), Arbitraries.integers().between(1, 3).map("-"::repeat));
    Arbitrary<String> component =
        Combinators.combine(
                word, Combinators.combine(separator, word).as(String::concat).list().ofMaxSize(3))
            .as((first, rest) -> first + String.join("", rest));
    return component
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(l -> String.join("/", l))
        // room for "library/" or a domain-like first part that normalization moves into the path
        .filter(p -> p.length() <= ImageRef.PATH_MAX_LENGTH - 55);
  }

  /** A tag or none ({@code null}). */
  @Provide
  Arbitrary<String> tags() {
    Arbitrary<String> first =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_')
            .ofLength(1);
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_', '.', '-')
            .ofMaxLength(127);
    return Combinators.combine(first, rest).as(String::concat).injectNull(0.3);
  }

  /** A digest of an algorithm the parser validates, or none ({@code null}). */
  @Provide
  Arbitrary<String> digests() {
    return Arbitraries.oneOf(
            hex().ofLength(64).map(h -> "sha256:" + h),
            hex().ofLength(96).map(h -> "sha384:" + h),
            hex().ofLength(128).map(h -> "sha512:" + h))
        .injectNull(0.4);
  }

  private static net.jqwik.api.arbitraries.StringArbitrary hex() {
    return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f');
  }

  private static net.jqwik.api.arbitraries.StringArbitrary alnum(boolean upper) {
    var chars = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9');
    return upper ? chars.withCharRange('A', 'Z') : chars;
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

  private static String abbreviate(String input) {
    if (input == null) {
      return "null";
    }
    String shown = input.length() <= 120 ? input : input.substring(0, 120) + "…";
    return "\"" + shown.replace("\n", "\\n") + "\" (" + input.length() + " chars)";
  }
}
