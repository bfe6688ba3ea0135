package dev.katafraktos.gitops;

import java.io.IOException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Git refs and revision expressions ({@code main}, {@code v1}, {@code origin/main}, {@code HEAD~1},
 * an abbreviated commit id) to commits and trees, with messages a user can act on.
 */
final class Revisions {
  private final Repository repo;
  private final String repoName;

  Revisions(Repository repo, String repoName) {
    this.repo = repo;
    this.repoName = repoName;
  }

  /** The commit {@code ref} names, peeling annotated tags. */
  ObjectId commit(String ref) throws GitOpsException {
    if (ref == null || ref.isBlank()) {
      throw new GitOpsException(
          "no git ref given for " + repoName + "; name a branch, tag or commit");
    }
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw new GitOpsException(
          "ambiguous git ref '"
              + ref
              + "' in "
              + repoName
              + ": it abbreviates "
              + e.getCandidates().size()
              + " objects; give more hex digits",
          e);
    } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
      throw unknown(ref, e);
    } catch (IOException e) {
      throw new GitOpsException(
          "cannot resolve '" + ref + "' in " + repoName + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw unknown(ref, null);
    }
    return id;
  }

  /** The tree of the commit {@code ref} names. */
  ObjectId tree(String ref) throws GitOpsException {
    ObjectId commit = commit(ref);
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(commit).getTree();
    } catch (IOException e) {
      throw new GitOpsException(
          "cannot read commit " + commit.name() + " in " + repoName + ": " + e.getMessage(), e);
    }
  }

  private GitOpsException unknown(String ref, Exception cause) {
    return new GitOpsException(
        "unknown git ref '" + ref + "' in " + repoName + ": not a branch, tag or commit", cause);
  }
}
