package dev.katafraktos.registry;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter: asks a registry for one image's manifest and maps every answer to an {@link
 * Availability}. HEAD where a GET would cost (Docker Hub's pull limit), else GET, which also gives
 * the platforms of an index.
 */
final class ManifestProbe {
  private final RegistryTransport transport;
  private final Map<String, RegistryEndpoint> endpoints = new ConcurrentHashMap<>();

  ManifestProbe(RegistryTransport transport) {
    this.transport = transport;
  }

  ImageCheck check(ImageRef ref) {
    RegistryEndpoint endpoint =
        endpoints.computeIfAbsent(ref.domain(), d -> new RegistryEndpoint(d, transport));
    if (endpoint.down().isPresent()) {
      return failed(ref, Availability.UNREACHABLE, endpoint.down().get());
    }
    try {
      return ask(ref, endpoint);
    } catch (CheckFailure f) {
      // a token service's refusal may quote the Basic credential we sent it
      return failed(ref, f.availability(), endpoint.redact(f.getMessage(), null));
    } catch (RegistryEndpoint.RegistryDownException e) {
      return failed(ref, Availability.UNREACHABLE, e.getMessage());
    } catch (IOException e) {
      endpoint.markDown(e);
      return failed(ref, Availability.UNREACHABLE, endpoint.down().orElse(e.toString()));
    } catch (RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.toString();
      return failed(ref, Availability.ERROR, endpoint.redact(message, null));
    }
  }

  private ImageCheck ask(ImageRef ref, RegistryEndpoint endpoint) throws IOException, CheckFailure {
    boolean headOnly = transport.settings().headOnlyRegistries().contains(ref.domain());
    String reference = ref.digest() != null ? ref.digest() : tagOf(ref);
    URI asked = endpoint.manifestUri(ref.path(), reference);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(asked).header("Accept", ManifestPlatforms.ACCEPT);
    request =
        headOnly ? request.method("HEAD", HttpRequest.BodyPublishers.noBody()) : request.GET();
    String auth = endpoint.authorization(ref.path()).orElse(null);
    HttpResponse<byte[]> response = transport.send(request, auth, BodyLimit.MANIFEST);
    int status = response.statusCode();
    // after a redirect to another host, that host answered
    String answered =
        Origins.same(response.uri(), asked)
            ? endpoint.registry()
            : Origins.authority(response.uri());
    if (status == 200) {
      ImageCheck present;
      try {
        present = present(ref, response, headOnly);
      } catch (RegistryJson.UnreadableException e) {
        throw new CheckFailure(
            e.availability(),
            "Cannot read the manifest of " + ref + ": " + answered + " sent " + e.getMessage());
      }
      return headOnly || !present.platforms().isEmpty()
          ? present
          : withConfigPlatform(present, response.body(), endpoint, auth);
    }
    String said =
        headOnly
            ? "HTTP " + status
            : RegistryErrors.message(response.body(), text -> endpoint.redact(text, auth));
    String where = " (" + answered + " answered " + status + ": " + said + ")";
    // Docker Hub sends its rate limit with a 429 too, which is when it matters most
    RateLimit limit = RateLimits.from(response.headers());
    if (status == 404) {
      return failed(ref, Availability.MISSING, ref + " not found" + where, limit);
    }
    if (status == 401 || status == 403) {
      return failed(ref, Availability.UNAUTHORIZED, "Not allowed to pull " + ref + where, limit);
    }
    String retried =
        RetryPolicy.retryable(status)
            ? " after " + transport.settings().maxRetries() + " retries"
            : "";
    return failed(ref, Availability.ERROR, "Cannot check " + ref + where + retried, limit);
  }

  private static ImageCheck present(ImageRef ref, HttpResponse<byte[]> r, boolean headOnly)
      throws RegistryJson.UnreadableException {
    String digest = r.headers().firstValue("Docker-Content-Digest").orElse(null);
    String mediaType = r.headers().firstValue("Content-Type").map(ManifestProbe::bare).orElse(null);
    List<String> platforms = List.of();
    if (!headOnly) {
      ManifestPlatforms manifest = ManifestPlatforms.parse(r.body());
      if (digest == null) {
        digest = sha256(r.body());
      }
      if (mediaType == null || mediaType.equals("application/json")) {
        mediaType = manifest.mediaType();
      }
      platforms = manifest.platforms();
    }
    return new ImageCheck(
        ref,
        Availability.PRESENT,
        digest,
        mediaType,
        platforms,
        null,
        RateLimits.from(r.headers()));
  }

  /**
   * A single image names its platform only in its config blob: one more GET, so that a required
   * platform can be judged for it too. Any trouble leaves the platform unknown, never the image.
   */
  private ImageCheck withConfigPlatform(
      ImageCheck present, byte[] manifest, RegistryEndpoint endpoint, String auth) {
    try {
      Optional<String> config = ManifestPlatforms.parse(manifest).configDigest();
      if (config.isEmpty()) {
        return present;
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint.blobUri(present.reference().path(), config.get())).GET();
      // registries redirect blobs to object stores: the transport drops auth for another host
      HttpResponse<byte[]> response = transport.send(request, auth, BodyLimit.CONFIG);
      if (response.statusCode() != 200) {
        return present;
      }
      return new ImageCheck(
          present.reference(),
          present.availability(),
          present.digest(),
          present.mediaType(),
          ManifestPlatforms.configPlatform(response.body()),
          present.message(),
          present.rateLimit());
    } catch (IOException | CheckFailure | RegistryJson.UnreadableException | RuntimeException e) {
      return present;
    }
  }

  private static ImageCheck failed(ImageRef ref, Availability availability, String message) {
    return failed(ref, availability, message, null);
  }

  private static ImageCheck failed(
      ImageRef ref, Availability availability, String message, RateLimit limit) {
    return new ImageCheck(ref, availability, null, null, List.of(), message, limit);
  }

  private static String tagOf(ImageRef ref) {
    return ref.tag() != null ? ref.tag() : ImageRef.DEFAULT_TAG;
  }

  /** A Content-Type without its parameters. */
  static String bare(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }

  /** {@code sha256:HEX} of a body, as a registry names it. */
  static String sha256(byte[] body) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
