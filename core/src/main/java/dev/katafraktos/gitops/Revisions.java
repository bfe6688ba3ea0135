package dev.katafraktos.gitops;

import java.io.IOException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** Revision strings to commits and trees, with the messages a user can act on. */
final class Revisions {
  private final Repository repo;
  private final String repoName;

  Revisions(Repository repo, String repoName) {
    this.repo = repo;
    this.repoName = repoName;
  }

  /** The commit {@code revision} names, peeling annotated tags. */
  ObjectId commit(String revision) throws GitOpsException {
    if (revision == null || revision.isBlank()) {
      throw new GitOpsException(
          "no revision given for " + repoName + "; name a branch, tag or commit");
    }
    ObjectId id;
    try {
      id = repo.resolve(revision + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw new GitOpsException(
          "ambiguous revision '"
              + revision
              + "' in "
              + repoName
              + ": it abbreviates "
              + e.getCandidates().size()
              + " objects; give more hex digits",
          e);
    } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
      throw unknown(revision, e);
    } catch (IOException e) {
      throw new GitOpsException(
          "cannot resolve '" + revision + "' in " + repoName + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw unknown(revision, null);
    }
    return id;
  }

  /** The tree of the commit {@code revision} names. */
  ObjectId tree(String revision) throws GitOpsException {
    ObjectId commit = commit(revision);
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(commit).getTree();
    } catch (IOException e) {
      throw new GitOpsException(
          "cannot read commit " + commit.name() + " in " + repoName + ": " + e.getMessage(), e);
    }
  }

  private GitOpsException unknown(String revision, Exception cause) {
    return new GitOpsException(
        "unknown revision '" + revision + "' in " + repoName + ": not a branch, tag or commit",
        cause);
  }
}
