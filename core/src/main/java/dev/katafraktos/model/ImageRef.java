package dev.katafraktos.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference: {@code [domain/]path[:tag][@digest]}.
 *
 * <p>PROVISIONAL: a minimal implementation to fix the API; the conformant parser replaces it.
 *
 * @param domain the registry host[:port]; {@code "docker.io"} after normalization, {@code ""} when
 *     a strict parse found none
 * @param path the repository path without the domain, e.g. {@code library/nginx}
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code algorithm:hex}), or {@code null}
 */
public record ImageRef(String domain, String path, String tag, String digest) {

  private static final Pattern REF =
      Pattern.compile(
          "^((?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$");

  /** Parses and normalizes as Docker does: {@code nginx} is {@code docker.io/library/nginx}. */
  public static ImageRef parseNormalized(String input) throws InvalidImageReferenceException {
    Matcher m = REF.matcher(input == null ? "" : input);
    if (!m.matches()) {
      throw new InvalidImageReferenceException(
          input, InvalidImageReferenceException.Kind.INVALID_FORMAT, "invalid reference format");
    }
    String name = m.group(1);
    int slash = name.indexOf('/');
    String domain = "docker.io";
    String path = name;
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        domain = first;
        path = name.substring(slash + 1);
      }
    }
    if (domain.equals("docker.io") && !path.contains("/")) {
      path = "library/" + path;
    }
    return new ImageRef(domain, path, m.group(2), m.group(3));
  }

  /** Like {@link #parseNormalized} but empty for anything that is not a reference. */
  public static Optional<ImageRef> tryParseNormalized(String input) {
    try {
      return Optional.of(parseNormalized(input));
    } catch (InvalidImageReferenceException e) {
      return Optional.empty();
    }
  }

  /** {@code domain/path}, or {@code path} when there is no domain. */
  public String name() {
    return domain.isEmpty() ? path : domain + "/" + path;
  }

  /** This reference with tag {@code latest} when it has neither tag nor digest (what a pull uses). */
  public ImageRef withDefaultTag() {
    return tag == null && digest == null ? new ImageRef(domain, path, "latest", null) : this;
  }

  /** {@code name[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
