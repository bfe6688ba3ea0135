package dev.katafraktos.policy;

import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.InvalidImageReferenceException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the images of one source registry (or of one repository prefix in it) are to be pulled from
 * instead, e.g. {@code docker.io=harbor.example.com/dockerhub-proxy}.
 *
 * <p>The rest of the repository path is kept as it is: Harbor's proxy-cache projects keep Docker
 * Hub's {@code library/} prefix, so {@code docker.io/library/nginx:1.27} maps to {@code
 * harbor.example.com/dockerhub-proxy/library/nginx:1.27}.
 *
 * @param source a registry host[:port], or a registry and path prefix, e.g. {@code
 *     docker.io/bitnami}
 * @param target a registry host[:port], usually followed by a project, e.g. {@code
 *     harbor.example.com/dockerhub-proxy}
 */
public record Mapping(String source, String target) {
  private static final String EXAMPLE = "docker.io=harbor.example.com/dockerhub-proxy";

  public Mapping {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /** Parses {@code SOURCE=TARGET}; both sides must be a registry, optionally with a path. */
  public static Mapping parse(String text) throws ConfigException {
    int eq = text == null ? -1 : text.indexOf('=');
    if (eq < 0) {
      throw new ConfigException(
          "bad mapping '" + text + "': expected SOURCE=TARGET, e.g. " + EXAMPLE);
    }
    return of(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
  }

  /** A mapping from two checked sides (as a config file gives them). */
  public static Mapping of(String source, String target) throws ConfigException {
    String s = strip(source);
    String t = strip(target);
    String what = "bad mapping '" + source + "=" + target + "': ";
    if (!isRegistryPrefix(s)) {
      throw new ConfigException(
          what + "source must be a registry host[:port] with an optional path, e.g. " + EXAMPLE);
    }
    if (!isRegistryPrefix(t)) {
      throw new ConfigException(
          what + "target must be a registry host[:port] with an optional path, e.g. " + EXAMPLE);
    }
    return new Mapping(s, t);
  }

  /** The registry host[:port] of the target. */
  public String targetRegistry() {
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** Whether this mapping applies to {@code image}: its name is the source or starts with it. */
  public boolean matches(ImageRef image) {
    String name = image.name();
    return name.equals(source) || name.startsWith(source + "/");
  }

  /**
   * {@code image} pulled through the target, keeping tag and digest; empty when the mapping does
   * not apply or the result is no valid reference (e.g. a path that becomes too long).
   */
  public Optional<ImageRef> target(ImageRef image) {
    if (!matches(image)) {
      return Optional.empty();
    }
    String rest = image.name().substring(source.length());
    String name = target + rest;
    if (name.indexOf('/') < 0) {
      return Optional.empty(); // a whole repository mapped onto a bare host: no repository left
    }
    try {
      ImageRef mapped = ImageRef.parse(name);
      return Optional.of(new ImageRef(mapped.domain(), mapped.path(), image.tag(), image.digest()));
    } catch (InvalidImageReferenceException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return source + "=" + target;
  }

  private static String strip(String side) {
    String s = side == null ? "" : side.trim();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  // a host the reference grammar recognizes as a registry (has '.', ':' or is localhost), with an
  // optional path, and nothing else: no tag, no digest, no scheme
  private static boolean isRegistryPrefix(String s) {
    if (s.isEmpty() || s.contains("://") || s.contains("@")) {
      return false;
    }
    try {
      ImageRef probe = ImageRef.parse(s + "/x");
      String host = probe.domain();
      // Docker's rule (splitDockerDomain): only such a first component names a registry, so a
      // normalized reference never has any other domain
      boolean registryHost = host.contains(".") || host.contains(":") || host.equals("localhost");
      return registryHost && probe.tag() == null && probe.name().equals(s + "/x");
    } catch (InvalidImageReferenceException e) {
      return false;
    }
  }
}
