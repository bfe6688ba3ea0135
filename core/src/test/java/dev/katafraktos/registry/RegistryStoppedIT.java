package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.Availability;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.testsupport.TestRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A registry that was there and has stopped. */
class RegistryStoppedIT {

  @Test
  void check_stoppedRegistry_isUnreachableQuickly() throws Exception {
    String host;
    try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.OPEN)) {
      registry.seed();
      host = registry.host();
      registry.stop();
    }
    List<ImageRef> refs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      refs.add(ImageRef.parseNormalized(host + "/team/app" + i + ":1." + i));
    }
    RegistrySettings settings =
        RegistrySettings.builder()
            .insecureHosts(Set.of(host))
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    long start = System.nanoTime();
    Map<ImageRef, ImageCheck> results;
    try (ImageChecker checker = Registries.checker(settings)) {
      results = checker.checkAll(refs);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(results.values())
        .allSatisfy(c -> assertThat(c.availability()).isEqualTo(Availability.UNREACHABLE));
    assertThat(results.get(refs.get(0)).message())
        .isEqualTo(
            "Cannot reach registry "
                + host
                + " (connection refused); check the registry address or the proxy settings");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void check_registryThatNeverAnswers_timesOutOnceNotPerImage() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> acceptForever(silent));
      acceptor.setDaemon(true);
      acceptor.start();
      String host = "127.0.0.1:" + silent.getLocalPort();
      List<ImageRef> refs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        refs.add(ImageRef.parseNormalized(host + "/team/app:" + i));
      }
      RegistrySettings settings =
          RegistrySettings.builder()
              .insecureHosts(Set.of(host))
              .readTimeout(Duration.ofMillis(500))
              .concurrency(1)
              .build();

      long start = System.nanoTime();
      Map<ImageRef, ImageCheck> results;
      try (ImageChecker checker = Registries.checker(settings)) {
        results = checker.checkAll(refs);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(results.values())
          .allSatisfy(c -> assertThat(c.availability()).isEqualTo(Availability.UNREACHABLE))
          .allSatisfy(c -> assertThat(c.message()).contains("no answer within 500 ms"));
      assertThat(took)
          .as("one timeout, not 20 of them one after another")
          .isLessThan(Duration.ofSeconds(3));
    }
  }

  /** Takes connections and never says a word, like a registry stuck behind a dead backend. */
  private static void acceptForever(ServerSocket server) {
    List<Socket> held = new ArrayList<>();
    try {
      while (!server.isClosed()) {
        held.add(server.accept());
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  @Test
  void check_unknownHost_isUnreachable() throws Exception {
    try (ImageChecker checker = Registries.checker(RegistrySettings.defaults())) {
      ImageCheck c = checker.check(ImageRef.parseNormalized("no-such-host.invalid/a/b:1"));

      assertThat(c.availability()).isEqualTo(Availability.UNREACHABLE);
      assertThat(c.message()).contains("no-such-host.invalid");
    }
  }
}
