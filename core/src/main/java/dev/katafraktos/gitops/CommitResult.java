package dev.katafraktos.gitops;

import java.util.Objects;
import java.util.Optional;

/**
 * A commit that {@link GitRepository#commitFiles} made.
 *
 * @param commitId the new commit, 40 hex digits
 * @param branch the short branch name, e.g. {@code katafraktos/pin-images}; {@code
 *     refs/heads/<branch>} now points at {@code commitId}
 * @param created whether the branch was created (on the base) rather than moved forward
 * @param baseCommitId the commit's parent: the branch's old tip, or the base (HEAD unless given)
 *     when the branch was created; empty when the repository had no commit yet
 */
public record CommitResult(
    String commitId, String branch, boolean created, Optional<String> baseCommitId) {

  public CommitResult {
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(baseCommitId, "baseCommitId");
  }
}
