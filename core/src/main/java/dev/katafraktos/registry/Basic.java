package dev.katafraktos.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic authorization (RFC 7617). */
final class Basic {
  private Basic() {}

  static String header(RegistryCredential c) {
    String pair = c.username() + ":" + c.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
