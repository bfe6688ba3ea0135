package dev.katafraktos.gitops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Makes a commit from a base commit's tree with some files replaced or added, entirely in the
 * object database, then moves the branch with a compare-and-swap. HEAD, the repository's index and
 * the working tree are never written; see {@link GitRepository#commitFiles}.
 */
final class TreeCommitter {
  private final Repository repo;
  private final String repoName;
  private final WorkTreePaths workTree;
  private final Revisions revisions;

  TreeCommitter(Repository repo, String repoName, WorkTreePaths workTree, Revisions revisions) {
    this.repo = repo;
    this.repoName = repoName;
    this.workTree = workTree;
    this.revisions = revisions;
  }

  /** See {@link GitRepository#commitFiles(String, String, Map, String, GitAuthor)}. */
  CommitResult commit(
      String branch, String base, Map<String, byte[]> files, String message, GitAuthor author)
      throws GitOpsException, IOException {
    Objects.requireNonNull(author, "author");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to commit");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("the commit message is empty");
    }
    String ref = branchRef(branch);
    Map<String, byte[]> checked = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      checked.put(
          RepoPaths.check(file.getKey(), "the file to commit"),
          Objects.requireNonNull(file.getValue(), file.getKey()));
    }
    Optional<Path> checkedOut = new Worktrees(repo).checkedOut(ref, workTree);
    if (checkedOut.isPresent()) {
      throw new GitOpsException(
          "branch '"
              + branch
              + "' is checked out in "
              + checkedOut.get()
              + "; committing to it would make that working tree look modified, so commit to"
              + " another branch — nothing was changed");
    }
    Ref tip = repo.exactRef(ref);
    boolean create = tip == null || tip.getObjectId() == null;
    ObjectId wanted = base == null ? null : revisions.commit(base);
    ObjectId parent;
    if (create) {
      parent = wanted != null ? wanted : repo.resolve(Constants.HEAD + "^{commit}");
    } else {
      parent = tip.getObjectId();
      if (wanted != null && !wanted.equals(parent)) {
        throw notAtBase(branch, parent, base, wanted);
      }
    }
    // git's default cleanup: no trailing blank lines, one final newline
    return commit(branch, parent, create, checked, message.stripTrailing() + "\n", author);
  }

  private static GitOpsException notAtBase(
      String branch, ObjectId tip, String base, ObjectId wanted) {
    return new GitOpsException(
        "branch '"
            + branch
            + "' is at "
            + tip.abbreviate(7).name()
            + ", not at '"
            + base
            + "' ("
            + wanted.abbreviate(7).name()
            + ") that the files were made from; commit to a new branch or start again from the"
            + " branch's tip — nothing was changed");
  }

  private static String branchRef(String branch) throws GitOpsException {
    Objects.requireNonNull(branch, "branch");
    String ref = Constants.R_HEADS + branch;
    if (branch.isEmpty()
        || branch.startsWith("-")
        || branch.equals(Constants.HEAD)
        || !Repository.isValidRefName(ref)) {
      throw new GitOpsException(
          "'" + branch + "' is not a valid branch name; see git check-ref-format --branch");
    }
    return ref;
  }

  private CommitResult commit(
      String branch,
      ObjectId base,
      boolean create,
      Map<String, byte[]> files,
      String message,
      GitAuthor author)
      throws IOException, GitOpsException {
    String baseName = base == null ? "the empty repository" : base.abbreviate(7).name();
    ObjectId commitId;
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(inserter.newReader())) {
      RevCommit parent = base == null ? null : walk.parseCommit(base);
      ObjectId tree =
          TreeBuilder.write(
              walk.getObjectReader(),
              inserter,
              parent == null ? null : parent.getTree(),
              files,
              baseName);
      if (parent != null && tree.equals(parent.getTree())) {
        throw new GitOpsException(
            "the files are identical in "
                + baseName
                + "; there is nothing to commit to branch '"
                + branch
                + "' — nothing was changed");
      }
      PersonIdent person = new PersonIdent(author.name(), author.email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage(message);
      commitId = inserter.insert(commit);
      inserter.flush();
      moveBranch(walk, branch, base, create, commitId, person, message);
    }
    return new CommitResult(
        commitId.name(), branch, create, Optional.ofNullable(base).map(ObjectId::name));
  }

  private void moveBranch(
      RevWalk walk,
      String branch,
      ObjectId base,
      boolean create,
      ObjectId commitId,
      PersonIdent person,
      String message)
      throws IOException, GitOpsException {
    RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(commitId);
    // compare-and-swap: a branch that moved (or appeared) meanwhile is not overwritten
    update.setExpectedOldObjectId(create ? ObjectId.zeroId() : base);
    update.setRefLogIdent(person);
    String subject = message.lines().findFirst().orElse("");
    update.setRefLogMessage((base == null ? "commit (initial): " : "commit: ") + subject, false);
    RefUpdate.Result result = update.update(walk);
    switch (result) {
      case NEW, FAST_FORWARD -> {
        // done
      }
      case LOCK_FAILURE ->
          throw new GitOpsException(
              "branch '"
                  + branch
                  + "' in "
                  + repoName
                  + " is locked or was moved by another process meanwhile; run again"
                  + " — the branch was not moved");
      default ->
          throw new GitOpsException(
              "git refused to move branch '"
                  + branch
                  + "' in "
                  + repoName
                  + " to "
                  + commitId.name()
                  + " ("
                  + result
                  + ") — the branch was not moved");
    }
  }
}
