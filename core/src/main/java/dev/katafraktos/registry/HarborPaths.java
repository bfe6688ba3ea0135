package dev.katafraktos.registry;

import java.nio.charset.StandardCharsets;

/** The request paths of the Harbor v2 API, relative to its base path {@code /api/v2.0}. */
final class HarborPaths {
  static final String BASE_PATH = "/api/v2.0";

  private HarborPaths() {}

  /** {@code getProject}: a project by name (sent with {@code X-Is-Resource-Name: true}). */
  static String project(String name) {
    return BASE_PATH + "/projects/" + segment(name);
  }

  /**
   * {@code getArtifact}: an artifact by tag or digest, with its scan overview. Harbor routes the
   * repository as one path segment, so a {@code /} in it must survive one decoding by the HTTP
   * router: the spec's parameter {@code repository_name} says "encode it twice over", {@code a/b ->
   * a%252Fb}. Encoding twice is a no-op for names without reserved characters, so it is always
   * done.
   */
  static String artifact(String project, String repository, String reference) {
    return BASE_PATH
        + "/projects/"
        + segment(project)
        + "/repositories/"
        + segment(segment(repository))
        + "/artifacts/"
        + segment(reference)
        + "?with_scan_overview=true";
  }

  /**
   * Percent-encodes everything in a path segment but RFC 3986 unreserved characters and {@code :}
   * and {@code @} (a {@code pchar}), so {@code sha256:...} stays readable. Unlike {@link
   * java.net.URLEncoder}, which encodes a form body, a space becomes {@code %20}, never {@code +}.
   */
  static String segment(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (unreserved(c) || c == ':' || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
