package dev.katafraktos.api;

import dev.katafraktos.gitops.CommitResult;
import dev.katafraktos.gitops.GitOpsException;
import dev.katafraktos.gitops.GitRepository;
import dev.katafraktos.gitops.Snapshot;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.releases.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rewrite of every release a repository declares, committed to a branch without checking it out:
 * the releases are discovered and rewritten in a temporary copy of the branch's files (or HEAD's,
 * for a new branch), and the changed files become one commit on that branch. The user's HEAD, index
 * and working tree stay exactly as they were; nothing is pushed.
 *
 * @param rewrite what was rewritten, per release; paths relative to the discovered directory
 * @param notes what discovery found and skipped, as for an audit
 * @param branch the branch committed to
 * @param commitId the new commit, or {@code null} when nothing changed (then nothing was committed)
 * @param created whether the branch was created
 * @param files the repository-relative paths the commit changed
 */
public record CommittedRewrite(
    ReleaseSetRewrite rewrite,
    List<String> notes,
    String branch,
    String commitId,
    boolean created,
    List<String> files) {

  public CommittedRewrite {
    notes = List.copyOf(notes);
    files = List.copyOf(files);
  }

  /**
   * Discovers the releases under {@code dir}, rewrites them and commits the result to {@code
   * branch} ({@code null}: {@code katafraktos/images-<HEAD's short id>}).
   *
   * @throws KatafraktosException {@code dir} is not in a git repository, has uncommitted changes
   *     (the commit is built from committed files, so they would be left out), the branch is
   *     checked out or has moved, or inline values cannot be written; nothing was changed
   */
  static CommittedRewrite run(
      Katafraktos katafraktos,
      Path dir,
      String branch,
      RenderOptions base,
      AuditConfig config,
      boolean pinDigests,
      RegistryLogin login,
      List<String> kubeVersions)
      throws KatafraktosException {
    Path absolute = dir.toAbsolutePath().normalize();
    try (GitRepository repo = GitRepository.open(absolute)) {
      String within = repo.repoPath(absolute);
      if (within.isEmpty()) {
        repo.requireClean();
      } else {
        repo.requireClean(List.of(within));
      }
      String name =
          branch != null ? branch : "katafraktos/images-" + repo.resolve("HEAD").substring(0, 7);
      String start = exists(repo, name) ? "refs/heads/" + name : "HEAD";
      try (Snapshot snapshot = repo.snapshot(start);
          // the files come from git objects: a link (a blob in git) is never followed
          ReleaseSet set = ReleaseSet.discover(RepoRoot.gitTree(snapshot.map(absolute)))) {
        List<String> notes = ReleaseSelection.describe(set, dir + " at " + start);
        ReleaseSetRewrite result =
            katafraktos.rewrite(set, base, config, false, pinDigests, login, kubeVersions);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path file : result.changedFiles()) {
          String repoPath = snapshot.root().relativize(file).toString().replace('\\', '/');
          files.put(repoPath, Files.readAllBytes(file));
        }
        ReleaseSetRewrite shown = result.relativeTo(snapshot.root());
        if (files.isEmpty()) {
          return new CommittedRewrite(shown, notes, name, null, false, List.of());
        }
        CommitResult commit = repo.commitFiles(name, start, files, message(shown), repo.author());
        return new CommittedRewrite(
            shown,
            notes,
            commit.branch(),
            commit.commitId(),
            commit.created(),
            List.copyOf(files.keySet()));
      } catch (IOException e) {
        throw new KatafraktosException(null, "Cannot read a rewritten file: " + e.getMessage(), e);
      }
    } catch (GitOpsException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
  }

  /**
   * What was done, on one line: the branch, the commit, the files and how to push it, or that
   * nothing changed.
   */
  public String summary() {
    if (commitId == null) {
      return "Nothing to commit: every mapped image is already in place.";
    }
    return (created ? "Created branch " : "Committed to branch ")
        + branch
        + " at "
        + commitId.substring(0, 12)
        + ": "
        + String.join(", ", files)
        + ". HEAD, the index and the working tree are unchanged; push it with: git push origin "
        + branch;
  }

  private static boolean exists(GitRepository repo, String branch) {
    try {
      repo.resolve("refs/heads/" + branch);
      return true;
    } catch (GitOpsException e) {
      return false;
    }
  }

  /** The commit message: a subject, then every image moved, by release, with the values set. */
  static String message(ReleaseSetRewrite rewrite) {
    Set<String> targets = new LinkedHashSet<>();
    List<String> lines = new ArrayList<>();
    for (ReleaseSetRewrite.Entry e : rewrite.releases()) {
      if (e.result() == null) {
        continue;
      }
      for (RewriteResult.MovedImage m : e.result().moved()) {
        targets.add(
            ImageRef.tryParseNormalized(m.target()).map(ImageRef::domain).orElse(m.target()));
        List<String> values = new ArrayList<>();
        m.values().forEach(v -> values.add(v.file() + ": " + v.path()));
        lines.add(
            "- "
                + e.release()
                + ": "
                + m.image()
                + " -> "
                + m.target()
                + " ("
                + String.join(", ", values)
                + ")");
      }
    }
    int images = lines.size();
    return "Pull images from "
        + String.join(", ", targets)
        + " ("
        + images
        + (images == 1 ? " image" : " images")
        + ")\n\nWritten by katafraktos rewrite --commit; every change was verified by rendering"
        + " the release again.\n\n"
        + String.join("\n", lines);
  }
}
