package dev.katafraktos.extract;

import dev.katafraktos.model.ImageRef;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a string counts as an image reference. The rules of the conformance corpus ({@code
 * shared/corpus/README.md}, "Rules used to decide that a string is an image reference"): the less a
 * place vouches for a string, the more the string itself has to look like an image.
 *
 * <p>Where nothing vouches for it (a container argument or environment value), a {@code name:tag}
 * alone is no evidence: {@code --log_output_level=default:info} has the grammar of an image. Such a
 * value counts only when the name of its flag or variable says image, when it has a namespace or
 * registry ({@code /}) or a digest, or when a pod of the same render runs it (decided by {@link
 * ImageExtractor}, which sees the whole render).
 */
final class ImageRules {

  // words that, after "image", make the name one of an image's parts or settings, not the image:
  // IMAGE_TAG, --image-pull-policy, imagePullSecrets, FOO_IMAGE_REGISTRY
  private static final Set<String> NOT_THE_IMAGE =
      Set.of(
          "tag",
          "tags",
          "version",
          "pull",
          "policy",
          "secret",
          "secrets",
          "registry",
          "repository",
          "repo",
          "digest",
          "prefix",
          "suffix",
          "hash",
          "sha",
          "list",
          "dir",
          "path",
          "file",
          "url");

  private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

  // v1.2.3, 1.10, 2: under any name these are versions, never images
  private static final Pattern VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+)*");

  private ImageRules() {}

  /** A key whose value is an image: {@code image}, {@code baseImage}, {@code helper_image}. */
  static boolean isImageKey(String key) {
    return key.endsWith("image") || key.endsWith("Image");
  }

  /**
   * Whether a flag or environment variable name says that its value is an image: {@code
   * --sidecar-image}, {@code --image}, {@code INIT_IMAGE}, {@code RELATED_IMAGE_PROXY}, {@code
   * STRIMZI_KAFKA_IMAGES} (a list), but not {@code --image-pull-policy} or {@code FOO_IMAGE_TAG},
   * which name a part or a setting.
   */
  static boolean isImageName(String name) {
    List<String> words = words(name);
    int image = Math.max(words.lastIndexOf("image"), words.lastIndexOf("images"));
    return image >= 0
        && words.subList(image + 1, words.size()).stream().noneMatch(NOT_THE_IMAGE::contains);
  }

  private static List<String> words(String name) {
    return Arrays.stream(WORD_BREAK.split(name))
        .filter(w -> !w.isEmpty())
        .map(w -> w.toLowerCase(Locale.ROOT))
        .toList();
  }

  /** Under an image key the grammar of {@code distribution/reference} is enough. */
  static boolean isReference(String text) {
    return !text.isEmpty() && ImageRef.tryParseNormalized(text).isPresent();
  }

  /**
   * A {@code key: X} line of text that is not YAML vouches less than a parsed key: X must also
   * contain {@code /}, {@code :} or {@code @}, so that {@code image: nginx} in prose is not taken.
   * A Go template expression ({@code {{ .Values.hub }}/proxy}) is filled in later by a program: it
   * is no image yet.
   */
  static boolean isPlainTextReference(String text) {
    return (text.indexOf('/') >= 0 || text.indexOf(':') >= 0 || text.indexOf('@') >= 0)
        && !text.contains("{{")
        && isReference(text);
  }

  /**
   * The value of a flag, variable or data key called {@code name}, which says image ({@link
   * #isImageName}): the grammar is enough, even a bare {@code redis:7}, but URLs, versions and
   * booleans are settings. A bare name ({@code proxyv2}) counts only when the name ends in image
   * ({@code --proxy-image}): {@code HOOK_IMAGE_AWAITER: rel-hook-image-awaiter} names an object.
   */
  static boolean isNamedReference(String name, String text) {
    List<String> words = words(name);
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    if (isBareName(text) && !last.equals("image") && !last.equals("images")) {
      return false;
    }
    return !text.contains("://")
        && !VERSION.matcher(text).matches()
        && !text.equals("true")
        && !text.equals("false")
        && isReference(text);
  }

  /**
   * In container arguments and environment values nothing vouches for the string: it needs a tag or
   * a digest, no {@code ://}, and without a {@code /} a tag that is not all digits, so that {@code
   * svc:8080} and {@code localhost:5000} are not images. Passing this is necessary, not enough: see
   * {@link #hasOwnEvidence}.
   */
  static boolean isStrictReference(String text) {
    if (text.contains("://")) {
      return false;
    }
    Optional<ImageRef> ref = ImageRef.tryParseNormalized(text);
    if (ref.isEmpty() || (ref.get().tag() == null && ref.get().digest() == null)) {
      return false;
    }
    String tag = ref.get().tag();
    return text.indexOf('/') >= 0 || tag == null || !tag.chars().allMatch(Character::isDigit);
  }

  /**
   * Whether a strict reference shows by itself that it is an image: a namespace or registry, or a
   * digest. A plain {@code name:tag} ({@code default:info}, {@code level:debug}) does not.
   */
  static boolean hasOwnEvidence(String text) {
    return text.indexOf('/') >= 0 || text.indexOf('@') >= 0;
  }

  /**
   * A bare name ({@code proxyv2}): no registry, namespace, tag or digest. Outside pod templates
   * programs compose such names with a hub and a tag, so the name alone is not what they pull.
   */
  static boolean isBareName(String image) {
    return image.indexOf('/') < 0 && image.indexOf(':') < 0 && image.indexOf('@') < 0;
  }

  /** The reference a pull of {@code image} uses ({@code docker.io/library/x:latest}), or null. */
  static String pulled(String image) {
    return image == null
        ? null
        : ImageRef.tryParseNormalized(image).map(r -> r.withDefaultTag().toString()).orElse(null);
  }
}
