package dev.katafraktos.registry;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The distribution API of one registry, as the copy uses it: manifests read as raw bytes and
 * written back as the same bytes, blobs checked, mounted, streamed out and uploaded. Every refusal
 * becomes a {@link CheckFailure} with a one-line message naming the registry; an unreachable
 * registry is an {@link IOException}.
 */
final class Distribution {
  /** The most one PATCH carries when a registry asks for chunks but names no minimum. */
  static final long DEFAULT_CHUNK = 8L * 1024 * 1024;

  private final RegistryEndpoint endpoint;
  private final RegistryTransport transport;

  Distribution(RegistryEndpoint endpoint, RegistryTransport transport) {
    this.endpoint = endpoint;
    this.transport = transport;
  }

  String registry() {
    return endpoint.registry();
  }

  RegistrySettings settings() {
    return transport.settings();
  }

  /** What a HEAD of a manifest tells: enough to compare digests without a pull. */
  record Head(String digest, String mediaType, long size, RateLimit rateLimit) {}

  /** A manifest as the registry stored it: these exact bytes are what the digest is of. */
  record Manifest(String mediaType, byte[] bytes, String digest) {}

  /** The answer to the start of an upload: mounted from another repository, or where to send. */
  record Upload(boolean mounted, URI location, long chunkMinLength) {}

  /** HEAD of a manifest; empty when the registry has no such tag or digest. */
  Optional<Head> head(String repository, String reference) throws IOException, CheckFailure {
    String auth = endpoint.authorization(repository).orElse(null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.manifestUri(repository, reference))
            .header("Accept", ManifestPlatforms.ACCEPT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    HttpResponse<byte[]> r = transport.send(request, auth, BodyLimit.MANIFEST);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    expect(r, 200, "HEAD", repository, reference, auth);
    String digest = r.headers().firstValue("Docker-Content-Digest").orElse(null);
    String type = r.headers().firstValue("Content-Type").map(ManifestProbe::bare).orElse(null);
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    return Optional.of(new Head(digest, type, size, RateLimits.from(r.headers())));
  }

  /**
   * GET of a manifest, checked: the bytes must hash to the digest asked for (or to the one the
   * registry states), and the media type comes from the Content-Type or, failing that, the body.
   */
  Manifest get(String repository, String reference) throws IOException, CheckFailure {
    String auth = endpoint.authorization(repository).orElse(null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.manifestUri(repository, reference))
            .header("Accept", ManifestPlatforms.ACCEPT)
            .GET();
    HttpResponse<byte[]> r = transport.send(request, auth, BodyLimit.MANIFEST);
    expect(r, 200, "GET", repository, reference, auth);
    byte[] bytes = r.body();
    String digest = ManifestProbe.sha256(bytes);
    String stated = r.headers().firstValue("Docker-Content-Digest").orElse(digest);
    String wanted = reference.startsWith("sha256:") ? reference : stated;
    if (!digest.equals(wanted)) {
      throw new CheckFailure(
          Availability.BLOCKED,
          registry()
              + " sent a manifest for "
              + repository
              + ":"
              + reference
              + " whose digest is "
              + digest
              + ", not "
              + wanted
              + "; not copying it");
    }
    String type = r.headers().firstValue("Content-Type").map(ManifestProbe::bare).orElse("");
    if (type.isEmpty() || type.equals("application/json") || type.equals("text/plain")) {
      try {
        type = ManifestPlatforms.parse(bytes).mediaType();
      } catch (RegistryJson.UnreadableException e) {
        throw new CheckFailure(
            e.availability(),
            "Cannot read the manifest of "
                + repository
                + ":"
                + reference
                + ": "
                + registry()
                + " sent "
                + e.getMessage());
      }
    }
    return new Manifest(type, bytes, digest);
  }

  /** Whether the repository holds the blob (HEAD). */
  boolean hasBlob(String repository, String digest, List<String> scopes)
      throws IOException, CheckFailure {
    String auth = endpoint.authorization(scopes).orElse(null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.blobUri(repository, digest))
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    HttpResponse<byte[]> r = transport.send(request, auth, BodyLimit.PING);
    if (r.statusCode() == 404) {
      return false;
    }
    expect(r, 200, "HEAD", repository, digest, auth);
    return true;
  }

  /**
   * The blob's bytes, streamed and verified against its digest and size as they are read; the
   * caller closes the stream. Redirects (to object stores, CDNs) are followed without the
   * credentials.
   */
  InputStream blob(String repository, String digest, long size) throws IOException, CheckFailure {
    String auth = endpoint.authorization(repository).orElse(null);
    HttpResponse<InputStream> r =
        transport.stream(HttpRequest.newBuilder(endpoint.blobUri(repository, digest)).GET(), auth);
    if (r.statusCode() != 200) {
      byte[] body;
      try (InputStream in = r.body()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      throw failure(r.statusCode(), body, "GET", repository, digest, auth, r);
    }
    InputStream guarded =
        new IdleGuard(
            r.body(),
            Origins.authority(r.uri()) + " sending blob " + digest,
            transport.settings().readTimeout());
    return new VerifiedBlobStream(guarded, digest, size);
  }

  /**
   * Starts an upload to {@code repository}; with {@code mountFrom}, first asks the registry to
   * mount the blob from that repository of the same registry (201: done, nothing to send).
   */
  Upload startUpload(String repository, String digest, String mountFrom, List<String> scopes)
      throws IOException, CheckFailure {
    String auth = endpoint.authorization(scopes).orElse(null);
    URI uri = endpoint.uploadsUri(repository);
    if (mountFrom != null) {
      uri = URI.create(uri + "?mount=" + encode(digest) + "&from=" + encode(mountFrom));
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(transport.settings().readTimeout())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> r = transport.write(request, auth, true);
    if (r.statusCode() == 201 && mountFrom != null) {
      return new Upload(true, null, 0);
    }
    expect(r, 202, "POST", repository, "blobs/uploads", auth);
    String location =
        r.headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new CheckFailure(
                        Availability.ERROR,
                        registry()
                            + " started an upload to "
                            + repository
                            + " without a Location"));
    OptionalLong min = r.headers().firstValueAsLong("OCI-Chunk-Min-Length");
    return new Upload(false, endpoint.resolve(location), min.orElse(0));
  }

  /**
   * Sends the blob to an upload started by {@link #startUpload}: in one PUT, or in PATCH chunks of
   * at least the length the registry asked for, each streamed from {@code content}, which is closed
   * at the end.
   */
  void upload(
      Upload upload,
      String repository,
      String digest,
      long size,
      InputStream content,
      List<String> scopes)
      throws IOException, CheckFailure {
    String auth = endpoint.authorization(scopes).orElse(null);
    URI location = upload.location();
    try (InputStream in = content) {
      if (upload.chunkMinLength() > 0 && size > upload.chunkMinLength()) {
        long chunk = Math.max(upload.chunkMinLength(), DEFAULT_CHUNK);
        long sent = 0;
        while (sent < size) {
          long length = Math.min(chunk, size - sent);
          HttpRequest patch =
              HttpRequest.newBuilder(location)
                  .header("Content-Type", "application/octet-stream")
                  .header("Content-Range", sent + "-" + (sent + length - 1))
                  .method(
                      "PATCH",
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> new Slice(in, length)),
                          length))
                  .build();
          HttpResponse<byte[]> r = transport.write(patch, auth, false);
          expect(r, 202, "PATCH", repository, digest, auth);
          location =
              endpoint.resolve(r.headers().firstValue("Location").orElse(location.toString()));
          sent += length;
        }
        in.readAllBytes(); // reaches the end, where the stream checks the digest
        put(location, digest, HttpRequest.BodyPublishers.noBody(), repository, auth);
        return;
      }
      put(
          location,
          digest,
          HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(() -> in), size),
          repository,
          auth);
    } catch (UncheckedIOException e) {
      cancel(location, auth);
      throw e.getCause();
    } catch (IOException | CheckFailure e) {
      cancel(location, auth);
      throw e;
    }
  }

  /**
   * Ends an upload session that will not complete (best effort: registries also expire them), so
   * that a failed copy leaves nothing behind at the target.
   */
  private void cancel(URI location, String auth) {
    try {
      HttpRequest delete =
          HttpRequest.newBuilder(location)
              .timeout(transport.settings().readTimeout())
              .DELETE()
              .build();
      transport.write(delete, auth, false);
    } catch (IOException | CheckFailure | RuntimeException e) {
      // the session expires at the registry anyway
    }
  }

  private void put(
      URI location, String digest, HttpRequest.BodyPublisher body, String repository, String auth)
      throws IOException, CheckFailure {
    String separator = location.getRawQuery() == null ? "?" : "&";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(location + separator + "digest=" + encode(digest)))
            .header("Content-Type", "application/octet-stream")
            .PUT(body)
            .build();
    HttpResponse<byte[]> r = transport.write(request, auth, false);
    expect(r, 201, "PUT", repository, digest, auth);
  }

  /**
   * Writes a manifest's exact bytes under a tag or its digest; the registry must agree on the
   * digest.
   *
   * @return the digest the registry stored the manifest under
   */
  String putManifest(String repository, String reference, Manifest manifest, List<String> scopes)
      throws IOException, CheckFailure {
    String auth = endpoint.authorization(scopes).orElse(null);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.manifestUri(repository, reference))
            .timeout(transport.settings().readTimeout())
            .header("Content-Type", manifest.mediaType())
            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()))
            .build();
    HttpResponse<byte[]> r = transport.write(request, auth, true);
    expect(r, 201, "PUT", repository, reference, auth);
    String stored = r.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
    if (!stored.equals(manifest.digest())) {
      throw new CheckFailure(
          Availability.ERROR,
          registry()
              + " stored the manifest of "
              + repository
              + ":"
              + reference
              + " as "
              + stored
              + ", not "
              + manifest.digest());
    }
    return stored;
  }

  /**
   * The OCI referrers of a manifest (an image index of descriptors), or empty when the registry has
   * no referrers API (404, as distribution 2.8 answers).
   */
  Optional<byte[]> referrers(String repository, String digest) throws IOException, CheckFailure {
    String auth = endpoint.authorization(repository).orElse(null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.referrersUri(repository, digest))
            .header("Accept", ManifestPlatforms.OCI_INDEX)
            .GET();
    HttpResponse<byte[]> r = transport.send(request, auth, BodyLimit.MANIFEST);
    if (r.statusCode() == 404 || r.statusCode() == 400 || r.statusCode() == 405) {
      return Optional.empty();
    }
    expect(r, 200, "GET", repository, "referrers/" + digest, auth);
    return Optional.of(r.body());
  }

  /** The most pages of a tag list read; 50 pages of 1000 tags is far beyond any real repository. */
  static final int MAX_TAG_PAGES = 50;

  /**
   * The tags of a repository ({@code GET /v2/NAME/tags/list}, pages followed through the {@code
   * Link} header as the distribution spec says); empty when the registry does not know the
   * repository.
   */
  Set<String> tags(String repository) throws IOException, CheckFailure {
    String auth = endpoint.authorization(repository).orElse(null);
    Set<String> tags = new LinkedHashSet<>();
    URI next = URI.create(endpoint.base() + "/v2/" + repository + "/tags/list?n=1000");
    for (int page = 0; next != null; page++) {
      if (page == MAX_TAG_PAGES) {
        throw new CheckFailure(
            Availability.BLOCKED,
            registry() + " sent more than " + MAX_TAG_PAGES + " pages of tags for " + repository);
      }
      HttpResponse<byte[]> r =
          transport.send(HttpRequest.newBuilder(next).GET(), auth, BodyLimit.MANIFEST);
      if (r.statusCode() == 404) {
        return tags;
      }
      expect(r, 200, "GET", repository, "tags/list", auth);
      try {
        for (com.fasterxml.jackson.databind.JsonNode tag :
            RegistryJson.read(r.body()).path("tags")) {
          tags.add(tag.asText());
        }
      } catch (RegistryJson.UnreadableException e) {
        throw new CheckFailure(
            e.availability(),
            registry() + " sent a tag list of " + repository + " that is " + e.getMessage());
      }
      next = nextPage(next, r.headers().firstValue("Link").orElse(null));
    }
    return tags;
  }

  /** The {@code rel="next"} target of a Link header, on this registry only; null when none. */
  private URI nextPage(URI current, String link) {
    if (link == null) {
      return null;
    }
    int open = link.indexOf('<');
    int close = link.indexOf('>', open + 1);
    if (open < 0 || close < 0 || !link.substring(close).contains("rel=\"next\"")) {
      return null;
    }
    URI next = current.resolve(link.substring(open + 1, close).trim());
    return Origins.same(next, current) ? next : null;
  }

  private void expect(
      HttpResponse<byte[]> r,
      int status,
      String method,
      String repository,
      String reference,
      String auth)
      throws CheckFailure {
    if (r.statusCode() != status) {
      throw failure(r.statusCode(), r.body(), method, repository, reference, auth, r);
    }
  }

  private CheckFailure failure(
      int status,
      byte[] body,
      String method,
      String repository,
      String reference,
      String auth,
      HttpResponse<?> r) {
    String said =
        body == null || body.length == 0
            ? "HTTP " + status
            : RegistryErrors.message(body, text -> endpoint.redact(text, auth));
    String what =
        registry()
            + " answered "
            + status
            + " to "
            + method
            + " "
            + repository
            + (reference.startsWith("sha256:") ? "@" : ":")
            + reference
            + " ("
            + said
            + ")";
    if (status == 429) {
      return new RateLimited(what, RateLimits.from(r.headers()));
    }
    if (status == 401 || status == 403) {
      return new CheckFailure(Availability.UNAUTHORIZED, what);
    }
    if (status == 404) {
      return new CheckFailure(Availability.MISSING, what);
    }
    return new CheckFailure(Availability.ERROR, what);
  }

  /** A 429 after the retries: the registry's pull limit (Docker Hub's) is spent for now. */
  static final class RateLimited extends CheckFailure {
    private static final long serialVersionUID = 1L;
    private final transient RateLimit rateLimit;

    RateLimited(String message, RateLimit rateLimit) {
      super(Availability.ERROR, message);
      this.rateLimit = rateLimit;
    }

    RateLimit rateLimit() {
      return rateLimit;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The next {@code length} bytes of a stream, without closing it. */
  private static final class Slice extends InputStream {
    private final InputStream in;
    private long left;

    Slice(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("the source ended " + left + " bytes early");
      }
      left -= n;
      return n;
    }

    @Override
    public void close() {
      // the whole blob's stream is closed by its owner
    }
  }
}
