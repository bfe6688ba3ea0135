package dev.katafraktos.api;

/**
 * A username and password for one registry, given explicitly (e.g. {@code --username} with {@code
 * --password-stdin}). Its {@code toString} never shows the password.
 */
public record RegistryLogin(String registry, String username, String password) {
  @Override
  public String toString() {
    return "RegistryLogin[" + registry + ", " + username + ":****]";
  }
}
