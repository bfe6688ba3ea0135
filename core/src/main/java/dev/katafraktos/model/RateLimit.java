package dev.katafraktos.model;

/**
 * A registry's pull rate limit as it reported it (Docker Hub's {@code ratelimit-limit} and {@code
 * ratelimit-remaining} headers, e.g. {@code 100;w=21600}).
 *
 * @param limit pulls allowed in the window
 * @param remaining pulls left in the window
 * @param windowSeconds the window length, or 0 when not given
 */
public record RateLimit(int limit, int remaining, int windowSeconds) {}
