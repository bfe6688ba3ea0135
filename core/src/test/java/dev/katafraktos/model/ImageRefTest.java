package dev.katafraktos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.InvalidImageReferenceException.Kind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ImageRefTest {

  private static final String SHA256 = "sha256:" + "ab".repeat(32);

  @Test
  void parseNormalized_officialImage_addsDockerIoAndLibrary() throws Exception {
    ImageRef ref = ImageRef.parseNormalized("nginx");

    assertThat(ref).isEqualTo(new ImageRef("docker.io", "library/nginx", null, null));
    assertThat(ref.toString()).isEqualTo("docker.io/library/nginx");
    assertThat(ref.familiarString()).isEqualTo("nginx");
    assertThat(ref.withDefaultTag().toString()).isEqualTo("docker.io/library/nginx:latest");
  }

  @Test
  void parseNormalized_dockerIoLibraryPrefix_isKeptAndFamiliarFormDropsIt() throws Exception {
    ImageRef ref = ImageRef.parseNormalized("docker.io/library/nginx:1.25");

    assertThat(ref.name()).isEqualTo("docker.io/library/nginx");
    assertThat(ref.familiarString()).isEqualTo("nginx:1.25");
    assertThat(ImageRef.parseCanonical("docker.io/library/nginx:1.25")).isEqualTo(ref);
  }

  @Test
  void parseNormalized_userRepository_getsNoLibraryPrefix() throws Exception {
    assertThat(ImageRef.parseNormalized("bitnami/redis:7").toString())
        .isEqualTo("docker.io/bitnami/redis:7");
  }

  @Test
  void parseNormalized_indexDockerIo_becomesDockerIo() throws Exception {
    assertThat(ImageRef.parseNormalized("index.docker.io/nginx").toString())
        .isEqualTo("docker.io/library/nginx");
  }

  @Test
  void parseCanonical_familiarForm_fails() {
    assertKind(() -> ImageRef.parseCanonical("nginx:1.25"), Kind.NAME_NOT_CANONICAL);
  }

  @Test
  void parse_localhostPortBeforeSlash_isDomainNotTag() throws Exception {
    assertThat(ImageRef.parse("localhost:5000/foo"))
        .isEqualTo(new ImageRef("localhost:5000", "foo", null, null));
  }

  @Test
  void parse_colonWithoutSlash_isTagNotPort() throws Exception {
    assertThat(ImageRef.parse("localhost:5000"))
        .isEqualTo(new ImageRef("", "localhost", "5000", null));
  }

  @Test
  void parse_withoutNormalization_takesFirstComponentAsDomain() throws Exception {
    assertThat(ImageRef.parse("library/nginx"))
        .isEqualTo(new ImageRef("library", "nginx", null, null));
  }

  @Test
  void parseNormalized_tagAndDigest_keepsBoth() throws Exception {
    ImageRef ref = ImageRef.parseNormalized("redis:7@" + SHA256);

    assertThat(ref).isEqualTo(new ImageRef("docker.io", "library/redis", "7", SHA256));
    assertThat(ref.toString()).isEqualTo("docker.io/library/redis:7@" + SHA256);
  }

  @Test
  void parseDockerRef_tagAndDigest_keepsOnlyDigest() throws Exception {
    assertThat(ImageRef.parseDockerRef("redis:7@" + SHA256).toString())
        .isEqualTo("docker.io/library/redis@" + SHA256);
  }

  @Test
  void parse_ipv6WithPort_isDomain() throws Exception {
    assertThat(ImageRef.parse("[::1]:5000/repo:tag"))
        .isEqualTo(new ImageRef("[::1]:5000", "repo", "tag", null));
  }

  @Test
  void parse_ipv6WithoutPath_fails() {
    assertKind(() -> ImageRef.parse("[::1]:5000"), Kind.INVALID_FORMAT);
  }

  @Test
  void parse_pathOf255Characters_isAccepted() throws Exception {
    String path = "a".repeat(255);

    assertThat(ImageRef.parse("registry.example.com/" + path).path()).isEqualTo(path);
  }

  @Test
  void parse_pathOf256Characters_failsTooLong() {
    assertKind(() -> ImageRef.parse("registry.example.com/" + "a".repeat(256)), Kind.NAME_TOO_LONG);
  }

  @Test
  void parse_uppercaseRepository_fails() {
    assertKind(() -> ImageRef.parse("example.com/Nginx"), Kind.NAME_CONTAINS_UPPERCASE);
  }

  @Test
  void parseNormalized_uppercaseRepository_fails() {
    assertKind(() -> ImageRef.parseNormalized("bitnami/Redis"), Kind.REPOSITORY_NAME_UPPERCASE);
  }

  @Test
  void parse_kelvinSign_isReportedAsUppercase() {
    // Go lowercases per code point: U+212A KELVIN SIGN becomes "k", so "\u212Aube" is "kube".
    assertKind(() -> ImageRef.parse("\u212Aube"), Kind.NAME_CONTAINS_UPPERCASE);
  }

  @Test
  void parse_trailingNewline_fails() {
    // Go's "$" matches only at the very end; java.util.regex's would accept the newline.
    assertKind(() -> ImageRef.parse("nginx\n"), Kind.INVALID_FORMAT);
  }

  @Test
  void parseNormalized_imageId_fails() {
    assertKind(() -> ImageRef.parseNormalized("ab".repeat(32)), Kind.HEX_IDENTIFIER_AS_NAME);
  }

  @Test
  void parseAny_imageId_isSha256DigestReference() throws Exception {
    assertThat(ImageRef.parseAny("ab".repeat(32))).isEqualTo(new DigestReference(SHA256));
  }

  @Test
  void parseAny_name_isImageRef() throws Exception {
    assertThat(ImageRef.parseAny("nginx")).isEqualTo(ImageRef.parseNormalized("nginx"));
  }

  @Test
  void parse_shortSha256Digest_failsLength() {
    assertKind(() -> ImageRef.parse("nginx@sha256:" + "a".repeat(32)), Kind.DIGEST_INVALID_LENGTH);
  }

  @Test
  void parse_sha512Digest_isAccepted() throws Exception {
    // Deliberate: Go clients link crypto/sha512 and accept it; see Digests.
    String digest = "sha512:" + "c".repeat(128);

    assertThat(ImageRef.parse("nginx@" + digest).digest()).isEqualTo(digest);
  }

  @Test
  void parse_unknownDigestAlgorithm_failsUnsupported() {
    assertKind(() -> ImageRef.parse("nginx@md5:" + "a".repeat(32)), Kind.DIGEST_UNSUPPORTED);
  }

  @Test
  void withTag_128Characters_isAccepted() throws Exception {
    String tag = "t".repeat(128);

    assertThat(ImageRef.parseName("nginx").withTag(tag).tag()).isEqualTo(tag);
  }

  @Test
  void withTag_129Characters_fails() {
    assertKind(() -> ImageRef.parseName("nginx").withTag("t".repeat(129)), Kind.TAG_INVALID_FORMAT);
  }

  @Test
  void withDigest_onTaggedReference_keepsTag() throws Exception {
    ImageRef ref = ImageRef.parseName("example.com/app").withTag("1").withDigest(SHA256);

    assertThat(ref.toString()).isEqualTo("example.com/app:1@" + SHA256);
  }

  @Test
  void parseName_withTag_fails() {
    assertKind(() -> ImageRef.parseName("example.com/app:1"), Kind.INVALID_FORMAT);
  }

  @Test
  void tryParseNormalized_nullOrJunk_isEmpty() {
    assertThat(ImageRef.tryParseNormalized(null)).isEmpty();
    assertThat(ImageRef.tryParseNormalized("--set foo=bar")).isEmpty();
    assertThat(ImageRef.isValid("true")).isTrue();
    assertThat(ImageRef.isValid("http://example.com/app")).isFalse();
  }

  @Test
  void parse_veryLongInput_failsWithoutStackOverflow() {
    // Scanned by hand, not by java.util.regex, whose recursion could overflow the stack here.
    String longPath = "a-".repeat(500_000) + "a";

    assertKind(() -> ImageRef.parse(longPath), Kind.NAME_TOO_LONG);
    assertKind(() -> ImageRef.parse(longPath + "!"), Kind.INVALID_FORMAT);
  }

  @Test
  void exception_longInput_isShortenedInMessageButKeptWhole() {
    String input = "x".repeat(1000) + "!";

    assertThatThrownBy(() -> ImageRef.parse(input))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.input()).isEqualTo(input);
              assertThat(e.getMessage()).hasSizeLessThan(400).contains("(1001 characters)");
            });
  }

  // Found by ImageRefProperties: the input went into the message raw, so a reference read from a
  // pull request could break the one error line and forge the next line of a CI log.
  @Test
  void exception_controlAndBidiCharacters_areEscapedInOneLineMessage() {
    String input = "a.\n::error::forged\u001b[31m\u202e\\";

    assertThatThrownBy(() -> ImageRef.parse(input))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.input()).isEqualTo(input);
              assertThat(e.getMessage())
                  .startsWith(
                      "Invalid image reference \"a.\\n::error::forged\\u001b[31m\\u202e\\\\\": ")
                  .doesNotContain("\n", "\u001b", "\u202e");
            });
  }

  @Test
  void exception_longInputCutAtSurrogatePair_keepsThePairWhole() {
    String input = "x".repeat(199) + "\ud83d\ude00" + "!".repeat(100);

    assertThatThrownBy(() -> ImageRef.parse(input))
        .hasMessageStartingWith("Invalid image reference \"" + "x".repeat(199) + "\ud83d\ude00… (");
  }

  // Found by ImageRefProperties: Go's familiar form of these names another registry or an image ID.
  @Test
  void familiarName_firstPathComponentLooksLikeHost_keepsDockerIo() throws Exception {
    ImageRef ref = ImageRef.parseNormalized("docker.io/evil.com/app:1");

    assertThat(ref.familiarString()).isEqualTo("docker.io/evil.com/app:1");
    assertThat(ImageRef.parseNormalized(ref.familiarString())).isEqualTo(ref);
    assertThat(ImageRef.parseNormalized("docker.io/localhost/app").familiarName())
        .isEqualTo("docker.io/localhost/app");
  }

  @Test
  void familiarName_hexRepository_keepsLibrary() throws Exception {
    String hex = "ab".repeat(32);

    assertThat(ImageRef.parseNormalized("docker.io/" + hex).familiarName())
        .isEqualTo("library/" + hex);
  }

  @Test
  void familiarName_strictParseOfDockerIoSingleComponent_keepsDockerIo() throws Exception {
    // strict parse: path "app", which the short form "app" would read as library/app
    assertThat(ImageRef.parse("docker.io/app").familiarName()).isEqualTo("docker.io/app");
  }

  private static void assertKind(ThrowingCallable call, Kind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
