package dev.katafraktos.gitops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Which working tree has a branch checked out: this repository's own, the linked ones ({@code git
 * worktree add}) recorded under {@code <common dir>/worktrees/}, and the main one when this is a
 * linked worktree. Git refuses to move a branch checked out anywhere; so do we.
 */
final class Worktrees {
  private static final String SYMREF = "ref: ";

  private final Repository repo;

  Worktrees(Repository repo) {
    this.repo = repo;
  }

  Optional<Path> checkedOut(String ref, WorkTreePaths own) throws IOException {
    if (!repo.isBare() && ref.equals(repo.getFullBranch())) {
      return Optional.of(own.dir());
    }
    File common = repo.getCommonDirectory();
    File[] linked = new File(common, "worktrees").listFiles(File::isDirectory);
    if (linked != null) {
      for (File worktree : linked) {
        Path head = worktree.toPath().resolve(Constants.HEAD);
        Path gitdir = worktree.toPath().resolve("gitdir");
        if (points(head, ref)) {
          // gitdir holds "<worktree>/.git"
          return Optional.of(
              Files.isRegularFile(gitdir) ? Path.of(read(gitdir)).getParent() : worktree.toPath());
        }
      }
    }
    boolean linkedHere = !common.equals(repo.getDirectory());
    boolean mainIsBare =
        repo.getConfig()
            .getBoolean(
                ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_BARE, false);
    if (linkedHere && !mainIsBare && points(common.toPath().resolve(Constants.HEAD), ref)) {
      return Optional.of(common.toPath().toAbsolutePath().getParent());
    }
    return Optional.empty();
  }

  private static boolean points(Path head, String ref) throws IOException {
    return Files.isRegularFile(head) && read(head).equals(SYMREF + ref);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
