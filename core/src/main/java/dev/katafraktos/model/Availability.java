package dev.katafraktos.model;

/**
 * Whether a registry would serve an image now. Only {@link #PRESENT} means a pull would succeed.
 */
public enum Availability {
  /** The tag or digest exists and the manifest is readable. */
  PRESENT,
  /** The tag or digest is not there, or the repository is unknown. */
  MISSING,
  /** The registry refused the credentials (or their absence): 401/403. */
  UNAUTHORIZED,
  /** No answer: DNS, connection, timeout, or a certificate that is not trusted. */
  UNREACHABLE,
  /** Anything else (429 after retries, 5xx, an unexpected answer), with the registry's message. */
  ERROR,
  /**
   * A guard against a hostile registry stopped the check: a redirect that would downgrade to plain
   * HTTP, a token service that would get credentials over plain HTTP, too many redirects, or an
   * answer over a size limit. The message names the host and the guard.
   */
  BLOCKED
}
