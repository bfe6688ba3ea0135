package dev.katafraktos.gitops;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.IndexDiffFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Which repository paths differ between trees, the index and the working tree. Reads only. */
final class Changes {
  private Changes() {}

  /** Paths whose blob or mode differs between two trees; a rename is its old and its new path. */
  static SortedSet<String> between(Repository repo, ObjectId fromTree, ObjectId toTree)
      throws IOException {
    SortedSet<String> changed = new TreeSet<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(fromTree);
      walk.addTree(toTree);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        changed.add(walk.getPathString());
      }
    }
    return changed;
  }

  /**
   * Paths whose content in the working tree differs from {@code tree}: what {@code git diff
   * --no-renames --name-only <commit>} lists plus every untracked, not ignored file ({@code git
   * ls-files --others --exclude-standard}). As in git, the index says which working tree files are
   * tracked, and a file the index marks skip-worktree or assume-unchanged counts with its index
   * content.
   */
  static SortedSet<String> sinceWorkingTree(Repository repo, ObjectId tree) throws IOException {
    SortedSet<String> changed = new TreeSet<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.setRecursive(true);
      int base = walk.addTree(tree);
      int index = walk.addTree(new DirCacheIterator(repo.readDirCache()));
      FileTreeIterator files = new FileTreeIterator(repo);
      int work = walk.addTree(files);
      files.setDirCacheIterator(walk, index);
      // a superset: whatever differs anywhere among the three, without ignored untracked files
      walk.setFilter(new IndexDiffFilter(index, work, true));
      while (walk.next()) {
        if (differs(walk, base, index, work)) {
          changed.add(walk.getPathString());
        }
      }
    }
    return changed;
  }

  private static boolean differs(TreeWalk walk, int base, int index, int work) throws IOException {
    int baseMode = walk.getRawMode(base);
    DirCacheIterator cached = walk.getTree(index, DirCacheIterator.class);
    WorkingTreeIterator file = walk.getTree(work, WorkingTreeIterator.class);
    if (cached == null) {
      // untracked, or removed from the index (then it is a deletion for git diff)
      return (file != null && !file.isEntryIgnored()) || baseMode != 0;
    }
    DirCacheEntry entry = cached.getDirCacheEntry();
    if (entry.getStage() != DirCacheEntry.STAGE_0) {
      return true; // unmerged
    }
    ObjectId id;
    int mode;
    if (entry.isSkipWorkTree()
        || entry.isAssumeValid()
        || (file != null && !file.isModified(entry, true, walk.getObjectReader()))) {
      id = entry.getObjectId();
      mode = entry.getRawMode();
    } else if (file == null) {
      return baseMode != 0; // deleted from the working tree
    } else {
      id = file.getEntryObjectId();
      mode = file.getIndexFileMode(cached).getBits();
    }
    return baseMode == 0 || mode != baseMode || !id.equals(walk.getObjectId(base));
  }

  /**
   * What {@code git status} reports against HEAD: staged, unstaged, untracked (not ignored) and
   * unmerged paths.
   */
  static SortedSet<String> uncommitted(Repository repo) throws IOException {
    IndexDiff diff = new IndexDiff(repo, Constants.HEAD, new FileTreeIterator(repo));
    diff.diff();
    SortedSet<String> paths = new TreeSet<>();
    paths.addAll(diff.getAdded());
    paths.addAll(diff.getChanged());
    paths.addAll(diff.getRemoved());
    paths.addAll(diff.getMissing());
    paths.addAll(diff.getModified());
    paths.addAll(diff.getUntracked());
    paths.addAll(diff.getConflicting());
    return paths;
  }

  /**
   * Those of {@code changed} that are any of {@code paths} or below them; a path may end in '/' or
   * start with {@code ./}, and {@code .} or the empty path stand for the whole tree.
   */
  static SortedSet<String> below(Set<String> changed, Collection<String> paths) {
    List<String> prefixes = paths.stream().map(p -> p.replaceAll("^(\\./)+|/+$", "")).toList();
    SortedSet<String> below = new TreeSet<>();
    for (String path : changed) {
      for (String prefix : prefixes) {
        if (prefix.isEmpty()
            || prefix.equals(".")
            || path.equals(prefix)
            || path.startsWith(prefix + "/")) {
          below.add(path);
        }
      }
    }
    return below;
  }
}
