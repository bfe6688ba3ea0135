package dev.katafraktos.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * skopeo (Debian's package), the reference client the copy is checked against: {@code inspect
 * --raw} gives a manifest's bytes as the registry serves them.
 */
public final class Skopeo {
  private Skopeo() {}

  /** Fails (CI) or aborts the test when skopeo is not installed, saying how to install it. */
  public static void require() {
    RealTools.requireTool("skopeo", "install it with `apt-get install skopeo` (.ci/run does)");
  }

  /** The raw manifest of {@code repository:reference} at {@code registry}, as served. */
  public static byte[] rawManifest(TestRegistry registry, String repositoryAndReference) {
    require();
    List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
    command.addAll(transportFlags(registry, "--tls-verify", "--cert-dir", "--creds"));
    command.add("docker://" + registry.host() + "/" + repositoryAndReference);
    return run(command);
  }

  /**
   * Flags that reach {@code registry} as tests start it: its CA (TLS) or plain HTTP, and its user.
   *
   * @param tlsVerify the spelling of the TLS-verify flag for the subcommand
   * @param certDir the spelling of its cert-dir flag
   * @param creds the spelling of its credentials flag
   */
  static List<String> transportFlags(
      TestRegistry registry, String tlsVerify, String certDir, String creds) {
    List<String> flags = new ArrayList<>();
    if (registry.tls()) {
      flags.add(certDir + "=" + registry.certDir());
    } else {
      flags.add(tlsVerify + "=false");
    }
    try {
      flags.add(creds + "=" + registry.user() + ":" + registry.password());
    } catch (IllegalStateException e) {
      // an open registry has no user
    }
    return flags;
  }

  private static byte[] run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      p.getErrorStream().transferTo(err);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " failed: " + err.toString(StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run skopeo: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
