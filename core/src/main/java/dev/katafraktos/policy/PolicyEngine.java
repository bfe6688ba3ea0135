package dev.katafraktos.policy;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies the {@link Rule}s to audit subjects. Static rules (external-registry, mutable-tag,
 * no-digest, invalid-reference) need only the reference; the others judge the registry checks and
 * are skipped for a subject that was not checked.
 */
public final class PolicyEngine {
  static final String DOCKER_HUB = ImageRef.DEFAULT_DOMAIN;

  private final PolicyConfig config;

  public PolicyEngine(PolicyConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Every finding of every subject, in subject order, then rule order. */
  public List<Finding> evaluate(List<AuditSubject> subjects) {
    List<Finding> findings = new ArrayList<>();
    for (AuditSubject subject : subjects) {
      new Evaluation(subject, findings).run();
    }
    return findings;
  }

  private final class Evaluation {
    private final AuditSubject s;
    private final List<Finding> out;

    Evaluation(AuditSubject subject, List<Finding> out) {
      this.s = subject;
      this.out = out;
    }

    void run() {
      ImageRef ref = s.reference();
      if (ref == null) {
        add(
            Rule.INVALID_REFERENCE,
            "'"
                + s.image()
                + "' is not a valid image reference; expected"
                + " [registry[:port]/]repository[:tag][@digest]");
        return;
      }
      externalRegistry(ref);
      mutableTag(ref);
      noDigest(ref);
      ImageCheck check = s.effectiveCheck();
      if (check != null) {
        availability(s.effectiveReference(), check);
        platforms(s.effectiveReference(), check);
      }
      if (s.harborRefusal() != null) {
        add(
            Rule.HARBOR_WOULD_REFUSE,
            "Harbor would refuse to serve " + s.effectiveReference() + ": " + s.harborRefusal());
      }
    }

    private void externalRegistry(ImageRef ref) {
      if (config.isAllowed(ref)) {
        return;
      }
      String fix =
          s.target() == null
              ? "map " + ref.domain() + " to your Harbor"
              : "rewrite it to " + s.target() + (targetPresent() ? ", which is there" : "");
      if (ref.domain().equals(DOCKER_HUB)) {
        add(
            Rule.EXTERNAL_REGISTRY,
            ref
                + " is pulled from Docker Hub, which rate-limits anonymous pulls ("
                + rateLimitText(s.check())
                + "); "
                + fix);
      } else {
        add(
            Rule.EXTERNAL_REGISTRY,
            ref + " is pulled from " + ref.domain() + ", which is not an allowed registry; " + fix);
      }
    }

    private boolean targetPresent() {
      return s.targetCheck() != null && s.targetCheck().availability() == Availability.PRESENT;
    }

    private void mutableTag(ImageRef ref) {
      if (ref.digest() != null) {
        return;
      }
      ImageRef raw = ImageRef.tryParseNormalized(s.image()).orElse(ref);
      if (raw.tag() == null) {
        add(Rule.MUTABLE_TAG, s.image() + " has no tag, so it pulls 'latest'; pin a version");
      } else if (raw.tag().equals(ImageRef.DEFAULT_TAG)) {
        add(Rule.MUTABLE_TAG, s.image() + " uses the tag 'latest'; pin a version");
      }
    }

    private void noDigest(ImageRef ref) {
      if (ref.digest() != null) {
        return;
      }
      ImageCheck check = s.effectiveCheck();
      String resolved =
          check != null && check.digest() != null
              ? " (it resolves to " + check.digest() + " now)"
              : "";
      add(Rule.NO_DIGEST, s.image() + " is not pinned by digest" + resolved);
    }

    private void availability(ImageRef ref, ImageCheck check) {
      String what =
          s.target() != null ? ref + " (mapped from " + s.reference() + ")" : ref.toString();
      String why = check.message() == null ? "" : ": " + check.message();
      switch (check.availability()) {
        case PRESENT -> {}
        case MISSING -> add(Rule.MISSING_IN_REGISTRY, what + " is not in " + ref.domain() + why);
        case UNAUTHORIZED ->
            add(
                Rule.UNAUTHORIZED,
                ref.domain()
                    + " refused access to "
                    + what
                    + why
                    + "; check the credentials for "
                    + ref.domain());
        case UNREACHABLE ->
            add(Rule.UNREACHABLE, "cannot reach " + ref.domain() + " for " + what + why);
        case ERROR ->
            add(Rule.REGISTRY_ERROR, ref.domain() + " answered with an error for " + what + why);
        case BLOCKED -> add(Rule.UNSAFE_REGISTRY_ANSWER, "stopped checking " + what + why);
      }
    }

    private void platforms(ImageRef ref, ImageCheck check) {
      if (check.platforms().isEmpty() || config.requiredPlatforms().isEmpty()) {
        return; // unknown platforms: nothing to judge
      }
      List<String> missing =
          config.requiredPlatforms().stream()
              .filter(p -> check.platforms().stream().noneMatch(have -> satisfies(have, p)))
              .toList();
      if (!missing.isEmpty()) {
        add(
            Rule.PLATFORM_MISSING,
            ref
                + " lacks "
                + String.join(", ", missing)
                + " (it has "
                + String.join(", ", check.platforms())
                + ")");
      }
    }

    private void add(Rule rule, String message) {
      Severity severity = config.severity(rule);
      if (severity != Severity.OFF) {
        out.add(
            new Finding(rule.id(), severity, s.chart(), s.image(), message, s.firstOccurrence()));
      }
    }
  }

  // linux/arm64 is satisfied by linux/arm64/v8; linux/arm/v7 only by itself
  static boolean satisfies(String have, String required) {
    return have.equals(required) || have.startsWith(required + "/");
  }

  static String rateLimitText(ImageCheck check) {
    RateLimit limit = check == null ? null : check.rateLimit();
    if (limit == null) {
      return "100 per 6 h";
    }
    String window = limit.windowSeconds() == 0 ? "" : " per " + hours(limit.windowSeconds());
    return limit.limit() + window + ", " + limit.remaining() + " left";
  }

  private static String hours(int seconds) {
    return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds + " s";
  }
}
