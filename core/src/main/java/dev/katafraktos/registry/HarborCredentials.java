package dev.katafraktos.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A Harbor user or robot account ({@code robot$name}) and its password or secret. The generated
 * {@code toString} of a record prints every field, so this one is overridden: secrets never print.
 */
public record HarborCredentials(String username, String password) {

  public HarborCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The value of an HTTP Basic {@code Authorization} header (RFC 7617). */
  String basicAuthorization() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return username + ":****";
  }
}
