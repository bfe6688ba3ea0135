package dev.katafraktos.extract;

import dev.katafraktos.model.ImageRef;
import java.util.Optional;

/**
 * When a string counts as an image reference. The rules of the conformance corpus ({@code
 * shared/corpus/README.md}, "Rules used to decide that a string is an image reference"): the less a
 * place vouches for a string, the more the string itself has to look like an image.
 */
final class ImageRules {

  private ImageRules() {}

  /** A key whose value is an image: {@code image}, {@code baseImage}, {@code helper_image}. */
  static boolean isImageKey(String key) {
    return key.endsWith("image") || key.endsWith("Image");
  }

  /** Under an image key the grammar of {@code distribution/reference} is enough. */
  static boolean isReference(String text) {
    return !text.isEmpty() && ImageRef.tryParseNormalized(text).isPresent();
  }

  /**
   * A {@code key: X} line of text that is not YAML vouches less than a parsed key: X must also
   * contain {@code /}, {@code :} or {@code @}, so that {@code image: nginx} in prose is not taken.
   */
  static boolean isPlainTextReference(String text) {
    return (text.indexOf('/') >= 0 || text.indexOf(':') >= 0 || text.indexOf('@') >= 0)
        && isReference(text);
  }

  /**
   * In container arguments and environment values nothing vouches for the string: it needs a tag or
   * a digest, no {@code ://}, and without a {@code /} a tag that is not all digits, so that {@code
   * svc:8080} and {@code localhost:5000} are not images (and, the price of that, {@code redis:7} is
   * not found either).
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
}
