package dev.katafraktos.api;

/**
 * The pulls a run needs at one registry that counts them (Docker Hub counts every manifest GET),
 * and what it had left.
 *
 * @param registry e.g. {@code docker.io}
 * @param needed manifest GETs the copy needs
 * @param exact false when {@code needed} is a lower bound (indexes not read yet)
 * @param remaining what the registry said was left ({@code ratelimit-remaining}), or null when it
 *     did not say (no limit, or a paid account)
 * @param maxPulls the user's cap, or null
 */
public record PullBudget(
    String registry, int needed, boolean exact, Integer remaining, Integer maxPulls) {

  /** The most this run may spend there, or null for no limit. */
  public Integer allowed() {
    if (remaining == null) {
      return maxPulls;
    }
    return maxPulls == null ? remaining : Math.min(remaining, maxPulls);
  }

  /** Whether the copy needs more than it may spend. */
  public boolean exceeded() {
    Integer allowed = allowed();
    return allowed != null && needed > allowed;
  }

  /** e.g. {@code docker.io: at least 7 pulls needed, 5 left (ratelimit-remaining), cap 20}. */
  public String describe() {
    return registry
        + ": "
        + (exact ? "" : "at least ")
        + needed
        + " pull"
        + (needed == 1 ? "" : "s")
        + " needed, "
        + (remaining == null ? "no limit stated" : remaining + " left (ratelimit-remaining)")
        + (maxPulls == null ? "" : ", --max-pulls " + maxPulls);
  }
}
