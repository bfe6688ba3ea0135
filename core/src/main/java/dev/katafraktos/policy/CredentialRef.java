package dev.katafraktos.policy;

import java.nio.file.Path;

/**
 * Where the credentials for one registry come from: names of environment variables or a file, never
 * the secret itself, so a config file can be committed and printed.
 *
 * @param username a literal user name (not a secret), or {@code null}
 * @param usernameEnv the environment variable holding the user name, or {@code null}
 * @param passwordEnv the environment variable holding the password or token, or {@code null}
 * @param passwordFile a file holding the password or token (e.g. a mounted secret), or {@code null}
 */
public record CredentialRef(
    String username, String usernameEnv, String passwordEnv, Path passwordFile) {

  // the record's own toString would do no harm (it holds no secret), but keep it explicit
  @Override
  public String toString() {
    return "CredentialRef[user="
        + (username != null ? username : usernameEnv != null ? "$" + usernameEnv : "-")
        + ", password="
        + (passwordEnv != null ? "$" + passwordEnv : passwordFile != null ? "file" : "-")
        + "]";
  }
}
