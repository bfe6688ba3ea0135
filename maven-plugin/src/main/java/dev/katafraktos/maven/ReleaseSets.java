package dev.katafraktos.maven;

import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.ReleaseSelection;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the goals choose between the releases the POM names ({@code <releases>}, {@code charts}) and
 * a release set: every release a repository declares ({@code discover}), or the {@code releases:}
 * list of {@code configFile}. Mirrors the command line's {@code --discover} and {@code --config}.
 */
final class ReleaseSets {
  private ReleaseSets() {}

  /**
   * Refuses combinations that cannot mean anything, before anything is read.
   *
   * @param named whether {@code <releases>} or {@code charts} name releases
   */
  static void checkUsage(boolean named, File discover, String gitRef, String changedSince)
      throws ConfigurationError {
    if (discover != null && named) {
      throw new ConfigurationError(
          "discover finds the releases itself; configure either discover or <releases> /"
              + " katafraktos.charts, not both");
    }
    if (discover == null && (present(gitRef) || present(changedSince))) {
      throw new ConfigurationError(
          (present(gitRef) ? "gitRef" : "changedSince")
              + " applies to the releases of discover; add -Dkatafraktos.discover=DIR (the"
              + " repository checkout)");
    }
  }

  /**
   * Refuses what {@code rewrite-values} cannot do with a release set: rewrite an older commit, or
   * commit without a repository to discover.
   */
  static void checkRewrite(
      File discover,
      String gitRef,
      String changedSince,
      boolean commit,
      String branch,
      boolean dryRun)
      throws ConfigurationError {
    if (present(gitRef)) {
      throw new ConfigurationError(
          "gitRef does not apply to rewrite-values, which edits the working tree (or with commit"
              + " the branch's files); drop gitRef");
    }
    if (discover == null && (commit || present(branch))) {
      throw new ConfigurationError(
          (commit ? "commit" : "branch")
              + " applies to the releases of discover; add -Dkatafraktos.discover=DIR (a git"
              + " checkout)");
    }
    if (present(branch) && !commit) {
      throw new ConfigurationError(
          "branch names the branch commit writes to; add -Dkatafraktos.commit, or drop branch");
    }
    if (commit && dryRun) {
      throw new ConfigurationError(
          "commit and dryRun exclude each other (dryRun writes nothing, commit writes a branch);"
              + " choose one");
    }
    if (commit && present(changedSince)) {
      throw new ConfigurationError(
          "changedSince does not apply with commit, which rewrites every release of the branch;"
              + " drop one of them");
    }
  }

  /**
   * The release set to use, or {@code null} for the releases the POM names. Without those: the
   * releases discovered under {@code discover}, else the {@code releases:} of {@code configFile}
   * when it has any, else {@code null} (and {@link Releases#resolve} says what to configure).
   *
   * @throws KatafraktosException {@code discover} is not a directory (or not in a git repository,
   *     with a ref), a ref names no commit, or the {@code releases:} list is invalid
   */
  static ReleaseSelection select(
      Path basedir,
      boolean named,
      File discover,
      String gitRef,
      String changedSince,
      File configFile)
      throws KatafraktosException {
    if (named) {
      return null;
    }
    if (discover != null) {
      return ReleaseSelection.discover(
          Releases.absolute(basedir, discover), trimmed(gitRef), trimmed(changedSince));
    }
    if (configFile == null) {
      return null;
    }
    Path config = Releases.absolute(basedir, configFile);
    if (!Files.isRegularFile(config)) {
      return null; // reading the audit configuration says it is missing
    }
    return ReleaseSelection.configured(config).orElse(null);
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  static String trimmed(String value) {
    return present(value) ? value.trim() : null;
  }
}
