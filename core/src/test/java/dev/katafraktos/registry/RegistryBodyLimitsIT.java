package dev.katafraktos.registry;

import static dev.katafraktos.registry.RegistryOpenIT.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers of a hostile registry (a real listener on 127.0.0.1) are read only up to a cap: the check
 * ends as BLOCKED naming the host and the limit, and the rest of the body is never read.
 */
class RegistryBodyLimitsIT {
  private static final String MANIFEST = "/v2/team/app/manifests/1.0";
  private static final long MIB = 1024 * 1024;

  private Loopback a;

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
  }

  private ImageCheck check() throws Exception {
    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(a.host())).maxRetries(0).build();
    try (ImageChecker checker = Registries.checker(settings)) {
      return checker.check(ref(a.host(), "team/app:1.0"));
    }
  }

  @Test
  void check_manifestStreamed64MiB_isBlockedAndStopsReading() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(MANIFEST, Loopback.huge(64 * MIB, false, written, done));

    ImageCheck c = check();
    Loopback.await(done);

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .isEqualTo(a.host() + " sent a manifest over the 4 MiB limit; stopped reading it");
    // what the server got out before the hang-up: the cap plus what the sockets buffer
    assertThat(written.get()).isLessThan(32 * MIB);
  }

  @Test
  void check_manifestDeclaring64MiB_isBlockedWithoutReadingIt() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(MANIFEST, Loopback.huge(64 * MIB, true, written, done));

    ImageCheck c = check();
    Loopback.await(done);

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message()).contains(a.host()).contains("4 MiB");
    assertThat(written.get()).isLessThan(32 * MIB);
  }

  @Test
  void check_manifestJustUnderTheCap_isRead() throws Exception {
    // a valid manifest padded with an annotation to 4 MiB minus a little
    String pad = "x".repeat((int) (4 * MIB) - Loopback.MANIFEST.length() - 64);
    String body =
        Loopback.MANIFEST.substring(0, Loopback.MANIFEST.length() - 1)
            + ",\"annotations\":{\"pad\":\""
            + pad
            + "\"}}";
    a = Loopback.http().on("/v2/", Loopback.status(200)).on(MANIFEST, Loopback.json(body));

    ImageCheck c = check();

    assertThat(body.length()).isLessThanOrEqualTo((int) (4 * MIB));
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
  }

  @Test
  void check_tokenResponseStreamed64MiB_isBlocked() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    a = Loopback.http().on(MANIFEST, Loopback.manifest());
    a.on("/v2/", Loopback.bearerChallenge(a.url() + "/token"))
        .on("/token", Loopback.huge(64 * MIB, false, written, done));

    ImageCheck c = check();
    Loopback.await(done);

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .isEqualTo(a.host() + " sent a token response over the 1 MiB limit; stopped reading it");
    assertThat(a.seen(MANIFEST)).isEmpty();
  }

  @Test
  void check_notFoundWith64MiBBody_isMissingWithAShortMessage() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(
                MANIFEST,
                e -> {
                  e.getResponseHeaders().add("Content-Type", "text/plain");
                  e.sendResponseHeaders(404, 0);
                  byte[] line = "no such manifest ".repeat(4096).getBytes();
                  try {
                    for (long sent = 0; sent < 64 * MIB; sent += line.length) {
                      e.getResponseBody().write(line);
                      written.addAndGet(line.length);
                    }
                  } catch (java.io.IOException hungUp) {
                    // expected once the client has the first 64 KiB
                  } finally {
                    done.countDown();
                  }
                });

    ImageCheck c = check();
    Loopback.await(done);

    assertThat(c.availability()).isEqualTo(Availability.MISSING);
    assertThat(c.message()).hasSizeLessThan(400).contains("no such manifest");
    assertThat(written.get()).isLessThan(32 * MIB);
  }

  @Test
  void check_manifestNested100000Deep_isBlockedByTheParserLimit() throws Exception {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    a = Loopback.http().on("/v2/", Loopback.status(200)).on(MANIFEST, Loopback.json(deep));

    ImageCheck c = check();

    assertThat(c.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(c.message())
        .startsWith("Cannot read the manifest of " + a.host() + "/team/app:1.0: ")
        .contains(a.host() + " sent JSON over a parser limit")
        .doesNotContain("\n");
  }

  @Test
  void check_manifestNotJson_isErrorAndTheRegistryStaysUp() throws Exception {
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(MANIFEST, Loopback.json("<html>hello</html>"))
            .on("/v2/team/other/manifests/", Loopback.manifest());

    RegistrySettings settings =
        RegistrySettings.builder().insecureHosts(Set.of(a.host())).maxRetries(0).build();
    try (ImageChecker checker = Registries.checker(settings)) {
      ImageCheck bad = checker.check(ref(a.host(), "team/app:1.0"));
      ImageCheck good = checker.check(ref(a.host(), "team/other:1.0"));

      assertThat(bad.availability()).isEqualTo(Availability.ERROR);
      assertThat(bad.message()).contains("not JSON");
      assertThat(good.availability()).isEqualTo(Availability.PRESENT);
    }
  }

  @Test
  void harborProject_answerStreamed64MiB_failsWithOneLineNamingTheLimit() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    a = Loopback.http().on("/api/v2.0/projects/", Loopback.huge(64 * MIB, false, written, done));

    HarborException e;
    try (HarborClient harbor =
        new HarborClient(
            java.net.URI.create(a.url()), null, java.time.Duration.ofSeconds(30), null)) {
      e =
          org.junit.jupiter.api.Assertions.assertThrows(
              HarborException.class, () -> harbor.project("p"));
    }
    Loopback.await(done);

    assertThat(e.kind()).isEqualTo(HarborException.Kind.ERROR);
    assertThat(e.getMessage())
        .isEqualTo(
            "Harbor at "
                + a.url()
                + " answered GET /api/v2.0/projects/p with more than 1 MiB; stopped reading it"
                + " (no Harbor API answer is that large)");
    assertThat(written.get()).isLessThan(32 * MIB);
  }

  @Test
  void check_headOnlyWithLargeContentLength_isPresent() throws Exception {
    // a HEAD answer declares the length of the body a GET would get, and sends none
    a =
        Loopback.http()
            .on("/v2/", Loopback.status(200))
            .on(
                MANIFEST,
                e -> {
                  e.getResponseHeaders()
                      .add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                  e.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "2".repeat(64));
                  e.getResponseHeaders().add("Content-Length", String.valueOf(5 * MIB));
                  e.sendResponseHeaders(200, -1);
                });
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(a.host()))
            .headOnlyRegistries(Set.of(a.host()))
            .maxRetries(0)
            .build();

    ImageCheck c;
    try (ImageChecker checker = Registries.checker(settings)) {
      c = checker.check(ref(a.host(), "team/app:1.0"));
    }

    assertThat(a.seen(MANIFEST)).extracting(Loopback.Seen::method).containsExactly("HEAD");
    assertThat(c.availability()).isEqualTo(Availability.PRESENT);
    assertThat(c.digest()).isEqualTo("sha256:" + "2".repeat(64));
  }
}
