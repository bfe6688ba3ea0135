package dev.katafraktos.gitops;

import java.util.Objects;
import org.eclipse.jgit.lib.Config;

/**
 * Who a commit is by: a name and an e-mail address, as git's {@code user.name} and {@code
 * user.email}.
 */
public record GitAuthor(String name, String email) {

  /**
   * Used when the repository's git configuration has no {@code user.name} or {@code user.email}.
   */
  public static final GitAuthor DEFAULT = new GitAuthor("Katafraktos", "katafraktos@localhost");

  public GitAuthor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    // git writes "name <email>" into the commit: these characters would corrupt the header
    if (name.isBlank() || name.matches("(?s).*[<>\\n\\r\\x00].*")) {
      throw new IllegalArgumentException(
          "author name '" + name + "' must not be blank nor contain '<', '>' or a line break");
    }
    if (email.matches("(?s).*[<>\\n\\r\\x00].*")) {
      throw new IllegalArgumentException(
          "author e-mail '" + email + "' must not contain '<', '>' or a line break");
    }
  }

  /**
   * {@code user.name} and {@code user.email} from a git configuration, each falling back to {@link
   * #DEFAULT}'s.
   *
   * @throws IllegalArgumentException a configured value git could not write into a commit
   */
  static GitAuthor fromConfig(Config config) {
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    return new GitAuthor(
        name == null || name.isBlank() ? DEFAULT.name() : name.strip(),
        email == null || email.isBlank() ? DEFAULT.email() : email.strip());
  }

  /** {@code Name <email>}, as git prints an author. */
  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
