package dev.katafraktos.model;

import dev.katafraktos.model.InvalidImageReferenceException.Kind;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference: {@code [domain/]path[:tag][@digest]}.
 *
 * <p>The parse functions agree with github.com/distribution/reference, the Go package behind
 * docker, containerd and helm, on every vector of {@code testdata/conformance/}; the Go function
 * each one matches is named in its documentation. One deliberate difference: sha384 and sha512
 * digests are accepted, as real Go clients accept them (see {@code Digests}).
 *
 * <p>The constructor only checks for {@code null}; build from untrusted text with a parse method.
 *
 * @param domain the registry host[:port]; {@code "docker.io"} after normalization, {@code ""} when
 *     a strict parse found none
 * @param path the repository path without the domain, e.g. {@code library/nginx}
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code algorithm:hex}), or {@code null}
 */
public record ImageRef(String domain, String path, String tag, String digest)
    implements AnyReference {

  /** The registry that a name without one means: Docker Hub. */
  public static final String DEFAULT_DOMAIN = ImageRefParser.DEFAULT_DOMAIN;

  /** The tag a pull uses when a reference has neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  /**
   * The longest {@link #path()} (Go's {@code RepositoryNameTotalLengthMax}; it limits the path).
   */
  public static final int PATH_MAX_LENGTH = ImageRefParser.PATH_MAX_LENGTH;

  private static final String OFFICIAL_REPO_PREFIX = "library/";

  public ImageRef {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses without normalization (Go's {@code Parse}): {@code nginx} has no domain, and the first
   * of two or more components is the domain whenever it could be a host ({@code library/nginx} has
   * domain {@code library}). {@code null} counts as empty.
   */
  public static ImageRef parse(String input) throws InvalidImageReferenceException {
    return ImageRefParser.parse(orEmpty(input)).orThrow(input);
  }

  /** Parses and normalizes as Docker does: {@code nginx} is {@code docker.io/library/nginx}. */
  public static ImageRef parseNormalized(String input) throws InvalidImageReferenceException {
    return ImageRefParser.parseNormalized(orEmpty(input)).orThrow(input);
  }

  /**
   * Like {@link #parseNormalized} but empty for anything that is not a reference; throws nothing
   * internally, so it is cheap on the many strings of a chart that are no image.
   */
  public static Optional<ImageRef> tryParseNormalized(String input) {
    return input == null
        ? Optional.empty()
        : Optional.ofNullable(ImageRefParser.parseNormalized(input).ref());
  }

  /** Whether {@link #parseNormalized} would accept {@code input}; cheap, throws nothing. */
  public static boolean isValid(String input) {
    return input != null && ImageRefParser.parseNormalized(input).valid();
  }

  /**
   * Parses a reference that must already be in normalized form (Go's {@code ParseNamed}), e.g.
   * {@code docker.io/library/nginx:1.25}; fails with {@link Kind#NAME_NOT_CANONICAL} for a familiar
   * form such as {@code nginx:1.25}.
   */
  public static ImageRef parseCanonical(String input) throws InvalidImageReferenceException {
    ImageRef ref = parseNormalized(input);
    if (!ref.toString().equals(input)) {
      throw new InvalidImageReferenceException(input, Kind.NAME_NOT_CANONICAL);
    }
    return ref;
  }

  /**
   * Parses as the container runtimes pull (Go's {@code ParseDockerRef}): normalized, tag {@code
   * latest} when there is neither tag nor digest, and only the digest when there are both.
   */
  public static ImageRef parseDockerRef(String input) throws InvalidImageReferenceException {
    ImageRef ref = parseNormalized(input);
    return ref.tag != null && ref.digest != null
        ? new ImageRef(ref.domain, ref.path, null, ref.digest)
        : ref.withDefaultTag();
  }

  /**
   * Parses a normalized reference, an image ID (64 lowercase hex digits, read as sha256) or a bare
   * digest (Go's {@code ParseAnyReference}); the last two give a {@link DigestReference}.
   */
  public static AnyReference parseAny(String input) throws InvalidImageReferenceException {
    String s = orEmpty(input);
    if (ImageRefGrammar.isIdentifier(s)) {
      return new DigestReference("sha256:" + s);
    }
    if (Digests.validate(s) == null) {
      return new DigestReference(s);
    }
    return parseNormalized(input);
  }

  /**
   * Parses a name alone, {@code [domain/]path} without tag or digest and without normalization
   * (Go's {@code WithName}).
   */
  public static ImageRef parseName(String input) throws InvalidImageReferenceException {
    return ImageRefParser.parseName(orEmpty(input)).orThrow(input);
  }

  /** This reference with {@code tag}, keeping any digest (Go's {@code WithTag}). */
  public ImageRef withTag(String tag) throws InvalidImageReferenceException {
    if (!ImageRefGrammar.isTag(tag)) {
      throw new InvalidImageReferenceException(
          tag,
          Kind.TAG_INVALID_FORMAT,
          "not a valid tag for " + name() + "; " + Kind.TAG_INVALID_FORMAT.description());
    }
    return new ImageRef(domain, path, tag, digest);
  }

  /**
   * This reference with {@code digest}, keeping any tag (Go's {@code WithDigest}). Like Go it
   * checks the syntax only, an algorithm and 32 or more hex digits, not the algorithm's length.
   */
  public ImageRef withDigest(String digest) throws InvalidImageReferenceException {
    if (!ImageRefGrammar.isDigest(digest)) {
      throw new InvalidImageReferenceException(
          digest,
          Kind.DIGEST_INVALID_FORMAT,
          "not a valid digest for " + name() + "; " + Kind.DIGEST_INVALID_FORMAT.description());
    }
    return new ImageRef(domain, path, tag, digest);
  }

  /** {@code domain/path}, or {@code path} when there is no domain. */
  public String name() {
    return domain.isEmpty() ? path : domain + "/" + path;
  }

  /**
   * The name as Docker shows it: without {@code docker.io/}, and without {@code library/} when
   * exactly one component follows it ({@code library/a/b} keeps it, as upstream does).
   *
   * <p>Unlike Go's {@code FamiliarName}, a shorter form is used only if it reads back as this name:
   * Go shows {@code docker.io/evil.com/app} as {@code evil.com/app}, which names the registry
   * evil.com, and {@code docker.io/library/<64 hex>} as the hex alone, which is an image ID. A name
   * Katafraktos shows or writes must mean what it read; so those keep {@code docker.io/} or {@code
   * library/}.
   */
  public String familiarName() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return name();
    }
    if (path.startsWith(OFFICIAL_REPO_PREFIX)
        && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0
        && readsBackAsThis(path.substring(OFFICIAL_REPO_PREFIX.length()))) {
      return path.substring(OFFICIAL_REPO_PREFIX.length());
    }
    return readsBackAsThis(path) ? path : name();
  }

  private boolean readsBackAsThis(String familiarName) {
    ImageRef reread = ImageRefParser.parseNormalized(familiarName).ref();
    return reread != null && reread.domain.equals(domain) && reread.path.equals(path);
  }

  /** The reference as Docker shows it: {@link #familiarName()}{@code [:tag][@digest]}. */
  public String familiarString() {
    return withSuffixes(familiarName());
  }

  /**
   * This reference with tag {@code latest} when it has neither tag nor digest (what a pull uses).
   */
  public ImageRef withDefaultTag() {
    return tag == null && digest == null ? new ImageRef(domain, path, DEFAULT_TAG, null) : this;
  }

  /** {@code name[:tag][@digest]}, Go's {@code String()}. */
  @Override
  public String toString() {
    return withSuffixes(name());
  }

  private String withSuffixes(String name) {
    return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  private static String orEmpty(String input) {
    return input == null ? "" : input;
  }
}
