package dev.katafraktos.registry;

import java.util.Objects;

/** A user name and password (or token) for one registry. {@link #toString()} hides the secret. */
public record RegistryCredential(String username, String password) {

  public RegistryCredential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return username + ":****";
  }
}
