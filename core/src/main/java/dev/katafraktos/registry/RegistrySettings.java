package dev.katafraktos.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** How to reach registries: credentials, trust, timeouts, retries and concurrency. */
public final class RegistrySettings {

  /** Docker Hub counts a manifest GET against the pull limit, and a HEAD not. */
  public static final Set<String> DEFAULT_HEAD_ONLY = Set.of("docker.io");

  private final RegistryCredentials credentials;
  private final Path caFile;
  private final Set<String> insecureHosts;
  private final Set<String> headOnlyRegistries;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxRetries;
  private final Duration maxRetryDelay;
  private final int concurrency;
  private final String userAgent;

  private RegistrySettings(Builder b) {
    credentials = b.credentials;
    caFile = b.caFile;
    insecureHosts = Set.copyOf(b.insecureHosts);
    headOnlyRegistries = Set.copyOf(b.headOnlyRegistries);
    connectTimeout = b.connectTimeout;
    readTimeout = b.readTimeout;
    maxRetries = b.maxRetries;
    maxRetryDelay = b.maxRetryDelay;
    concurrency = b.concurrency;
    userAgent = b.userAgent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Anonymous access, no custom CA, defaults for everything else. */
  public static RegistrySettings defaults() {
    return builder().build();
  }

  public RegistryCredentials credentials() {
    return credentials;
  }

  /** A PEM bundle of CAs trusted in addition to the JVM's, or {@code null}. */
  public Path caFile() {
    return caFile;
  }

  /** Registries ({@code host[:port]}) spoken to over plain HTTP. */
  public Set<String> insecureHosts() {
    return insecureHosts;
  }

  /** Registries (as in {@code ImageRef.domain()}) probed with HEAD only. */
  public Set<String> headOnlyRegistries() {
    return headOnlyRegistries;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** Retries after a 429 or 5xx answer. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The longest wait between two tries, whatever Retry-After asks for. */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  public int concurrency() {
    return concurrency;
  }

  public String userAgent() {
    return userAgent;
  }

  @Override
  public String toString() {
    return "RegistrySettings[credentials="
        + credentials
        + ", caFile="
        + caFile
        + ", insecureHosts="
        + insecureHosts
        + ", concurrency="
        + concurrency
        + "]";
  }

  /** Builds {@link RegistrySettings}; every knob has a default. */
  public static final class Builder {
    private RegistryCredentials credentials = RegistryCredentials.anonymous();
    private Path caFile;
    private Set<String> insecureHosts = Set.of();
    private Set<String> headOnlyRegistries = DEFAULT_HEAD_ONLY;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration maxRetryDelay = Duration.ofSeconds(30);
    private int concurrency = 8;
    private String userAgent = "katafraktos";

    private Builder() {}

    public Builder credentials(RegistryCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder caFile(Path caFile) {
      this.caFile = caFile;
      return this;
    }

    public Builder insecureHosts(Set<String> insecureHosts) {
      this.insecureHosts = Set.copyOf(insecureHosts);
      return this;
    }

    public Builder headOnlyRegistries(Set<String> registries) {
      this.headOnlyRegistries = Set.copyOf(registries);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder maxRetryDelay(Duration delay) {
      this.maxRetryDelay = positive(delay, "maxRetryDelay");
      return this;
    }

    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
