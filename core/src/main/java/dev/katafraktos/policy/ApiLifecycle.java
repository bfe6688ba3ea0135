package dev.katafraktos.policy;

import dev.katafraktos.limits.BoundedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Kubernetes API versions of a kind are deprecated or no longer served in a Kubernetes
 * release: the table {@code kubernetes-api-lifecycle.yaml} next to this class, taken from the
 * Kubernetes deprecated-API migration guide (its header names the sources).
 */
public final class ApiLifecycle {
  private static final String RESOURCE = "kubernetes-api-lifecycle.yaml";
  private static final Set<String> KEYS =
      Set.of("group", "version", "kind", "deprecatedIn", "removedIn", "replacement", "note");
  // "1.25", "v1.25.3", "1.25.0-gke.1", "v1.29.4+k3s1", "1.25+" (GKE's minor); nothing else
  private static final Pattern KUBE_VERSION =
      Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:\\.\\d{1,9})?(?:[-+][0-9A-Za-z.+-]*)?");

  /** Where the object's API version stands in the release asked about. */
  public enum State {
    DEPRECATED,
    REMOVED
  }

  /**
   * One row of the table. {@code deprecatedIn} is null where no source gives it, {@code removedIn}
   * where the API is deprecated but still served, {@code replacement} (an apiVersion) where there
   * is none (PodSecurityPolicy), {@code note} where there is nothing to add. Versions are {@code
   * major.minor}.
   */
  public record Entry(
      String apiVersion,
      String kind,
      String deprecatedIn,
      String removedIn,
      String replacement,
      String note) {}

  /** The state of an API in one release, with the row it comes from. */
  public record Status(State state, Entry entry) {}

  private static final class Holder {
    static final ApiLifecycle TABLE = read();
  }

  private final Map<String, Entry> entries;

  private ApiLifecycle(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** The table shipped with Katafraktos, read once. */
  public static ApiLifecycle load() {
    return Holder.TABLE;
  }

  /** Every row, in the table's order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * {@link State#REMOVED} when {@code kubeVersion} no longer serves {@code apiVersion} for {@code
   * kind}, {@link State#DEPRECATED} when it serves it as deprecated, empty otherwise (also for
   * kinds the table does not know, such as custom resources).
   *
   * @param kubeVersion a Kubernetes version; only major and minor count
   * @throws IllegalArgumentException when {@code kubeVersion} is not a Kubernetes version
   */
  public Optional<Status> status(String apiVersion, String kind, String kubeVersion) {
    int target = minorOrdinal(kubeVersion);
    Entry entry = entries.get(key(apiVersion, kind));
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.removedIn() != null && target >= minorOrdinal(entry.removedIn())) {
      return Optional.of(new Status(State.REMOVED, entry));
    }
    if (entry.deprecatedIn() != null && target >= minorOrdinal(entry.deprecatedIn())) {
      return Optional.of(new Status(State.DEPRECATED, entry));
    }
    return Optional.empty();
  }

  /**
   * {@code major.minor} of a Kubernetes version ({@code 1.25}, {@code v1.25.3}, {@code
   * 1.25.0-gke.1}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static String majorMinor(String kubeVersion) {
    Matcher m = match(kubeVersion);
    return Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2));
  }

  /**
   * Orders Kubernetes versions by major and minor ({@code 1.9} before {@code v1.25.3}).
   *
   * @throws IllegalArgumentException when either is not a Kubernetes version
   */
  public static int compare(String a, String b) {
    return Integer.compare(minorOrdinal(a), minorOrdinal(b));
  }

  private static int minorOrdinal(String kubeVersion) {
    Matcher m = match(kubeVersion);
    return Integer.parseInt(m.group(1)) * 10_000 + Integer.parseInt(m.group(2));
  }

  private static Matcher match(String kubeVersion) {
    Matcher m = KUBE_VERSION.matcher(kubeVersion == null ? "" : kubeVersion.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + kubeVersion
              + "' is not a Kubernetes version; expected major.minor such as 1.29 or v1.29.3");
    }
    return m;
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }

  private static ApiLifecycle read() {
    String text;
    try (InputStream in = ApiLifecycle.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to ApiLifecycle");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
    return parse(text, RESOURCE);
  }

  /** The table in {@code text}; a malformed table is a build fault, so it throws unchecked. */
  static ApiLifecycle parse(String text, String label) {
    Object root = BoundedYaml.load(BoundedYaml.settings(label), text);
    if (!(root instanceof Map<?, ?> top) || !(top.get("apis") instanceof List<?> rows)) {
      throw new IllegalStateException(label + ": expected a mapping with a list 'apis'");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String where = label + " apis[" + i + "]";
      try {
        Entry entry = entry(rows.get(i), where);
        if (entries.putIfAbsent(key(entry.apiVersion(), entry.kind()), entry) != null) {
          problems.add(where + ": " + entry.apiVersion() + " " + entry.kind() + " twice");
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return new ApiLifecycle(entries);
  }

  private static Entry entry(Object row, String where) {
    if (!(row instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    for (Object k : map.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
      }
    }
    String group = string(map, "group", where, true);
    String version = string(map, "version", where, true);
    String kind = string(map, "kind", where, true);
    String deprecatedIn = release(map, "deprecatedIn", where);
    String removedIn = release(map, "removedIn", where);
    if (deprecatedIn == null && removedIn == null) {
      throw new IllegalArgumentException(where + ": neither deprecatedIn nor removedIn");
    }
    if (deprecatedIn != null
        && removedIn != null
        && minorOrdinal(deprecatedIn) > minorOrdinal(removedIn)) {
      throw new IllegalArgumentException(where + ": deprecatedIn after removedIn");
    }
    String apiVersion = group.isEmpty() ? version : group + "/" + version;
    return new Entry(
        apiVersion,
        kind,
        deprecatedIn,
        removedIn,
        string(map, "replacement", where, false),
        string(map, "note", where, false));
  }

  private static String release(Map<?, ?> map, String key, String where) {
    String text = string(map, key, where, false);
    try {
      return text == null ? null : majorMinor(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " " + key + ": " + e.getMessage(), e);
    }
  }

  private static String string(Map<?, ?> map, String key, String where, boolean required) {
    Object value = map.get(key);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
    }
    return s;
  }
}
