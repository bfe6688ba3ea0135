package dev.katafraktos.policy;

import dev.katafraktos.model.Severity;
import java.util.Arrays;
import java.util.Optional;

/** The audit's rules: the id a finding, a config file and a SARIF report name it by. */
public enum Rule {
  EXTERNAL_REGISTRY(
      "external-registry",
      Severity.ERROR,
      "Image is pulled from a registry outside the allowed ones",
      "The image is pulled from a registry that is not one of the allowed registries (your Harbor"
          + " and its proxy-cache projects). Docker Hub rate-limits anonymous pulls, so a node drain"
          + " that reschedules many pods can fail to pull; map the registry to a Harbor project"
          + " and rewrite the reference."),
  MISSING_IN_REGISTRY(
      "missing-in-registry",
      Severity.ERROR,
      "Image is not in the registry it would be pulled from",
      "The tag or digest (or the whole repository) is not in the registry the image would be"
          + " pulled from: the mapped Harbor target when a mapping applies, else the image as"
          + " rendered. A pull would fail with 'manifest unknown'."),
  UNAUTHORIZED(
      "unauthorized",
      Severity.ERROR,
      "Registry refused the credentials",
      "The registry answered 401 or 403 for the image the audit would pull: the credentials are"
          + " missing, wrong, or lack pull permission on the project."),
  UNREACHABLE(
      "unreachable",
      Severity.ERROR,
      "Registry could not be reached",
      "No answer from the registry: DNS, connection refused, timeout, or a TLS certificate that"
          + " is not trusted (set caFile or insecureRegistries)."),
  REGISTRY_ERROR(
      "registry-error",
      Severity.ERROR,
      "Registry answered with an error",
      "The registry answered, but neither with the image nor with 'not found' or 'unauthorized':"
          + " a 5xx, a 429 after retries, or an answer the audit could not read. The registry's"
          + " own message is quoted."),
  MUTABLE_TAG(
      "mutable-tag",
      Severity.WARNING,
      "Image uses tag 'latest' or no tag",
      "The image has no tag or the tag 'latest' and no digest, so what a node pulls changes"
          + " whenever the tag moves; pin a version tag or a digest."),
  NO_DIGEST(
      "no-digest",
      Severity.OFF,
      "Image is not pinned by digest",
      "The image is referenced by tag only; a tag can be moved to other content. Pin it with"
          + " @sha256:... for reproducible deployments."),
  PLATFORM_MISSING(
      "platform-missing",
      Severity.ERROR,
      "Image lacks a required platform",
      "The image index does not list one of the required platforms (requiredPlatforms), so"
          + " nodes of that platform cannot run it."),
  HARBOR_WOULD_REFUSE(
      "harbor-would-refuse",
      Severity.ERROR,
      "Harbor would refuse the pull",
      "Harbor would refuse to serve the image, e.g. because the project prevents pulls of"
          + " vulnerable or unsigned images, or the artifact is not scanned yet."),
  INVALID_REFERENCE(
      "invalid-reference",
      Severity.ERROR,
      "Image is not a valid reference",
      "The rendered value is not a valid image reference ([registry[:port]/]repository"
          + "[:tag][@digest]); the container runtime would reject it."),
  UNSAFE_REGISTRY_ANSWER(
      "unsafe-registry-answer",
      Severity.ERROR,
      "Registry answered in a way the audit does not follow",
      "A guard against hostile registries stopped the check: a redirect from HTTPS to plain HTTP,"
          + " a token service that would get the credentials over plain HTTP, more than 10"
          + " redirects, or a manifest or token response over its size limit. The message names"
          + " the host; list it as an insecure registry only if you trust that network path."),
  REMOVED_API(
      "removed-api",
      Severity.ERROR,
      "Object uses an API the Kubernetes version no longer serves",
      "A rendered object's apiVersion and kind are no longer served by a Kubernetes version the"
          + " release is audited for (--kube-version, kubeVersions:), so applying it fails there"
          + " and so does a helm upgrade of a release whose stored manifest holds it. The message"
          + " names the version that removed it and the apiVersion to migrate to (from the"
          + " Kubernetes deprecated-API migration guide)."),
  DEPRECATED_API(
      "deprecated-api",
      Severity.WARNING,
      "Object uses an API the Kubernetes version deprecates",
      "A rendered object's apiVersion and kind are deprecated in a Kubernetes version the"
          + " release is audited for: still served, but to be removed in a later version (named"
          + " when known). Migrate before the upgrade that removes it.");

  private final String id;
  private final Severity defaultSeverity;
  private final String shortDescription;
  private final String fullDescription;

  Rule(String id, Severity defaultSeverity, String shortDescription, String fullDescription) {
    this.id = id;
    this.defaultSeverity = defaultSeverity;
    this.shortDescription = shortDescription;
    this.fullDescription = fullDescription;
  }

  public String id() {
    return id;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  public String shortDescription() {
    return shortDescription;
  }

  public String fullDescription() {
    return fullDescription;
  }

  /** The rule with {@code id}, e.g. {@code mutable-tag}. */
  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
