package dev.katafraktos.api;

import dev.katafraktos.gitops.GitOpsException;
import dev.katafraktos.gitops.GitRepository;
import dev.katafraktos.gitops.Snapshot;
import dev.katafraktos.model.ReleaseOrigin;
import dev.katafraktos.releases.Skipped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The releases of a repository directory for one run: discovered in the working tree or, with a git
 * ref, in that commit's files (read from git objects into a temporary directory, so the working
 * tree, index and HEAD are never touched), and optionally only those whose chart or values changed
 * since another ref. {@link #close()} deletes what the selection wrote.
 */
public final class ReleaseSelection implements AutoCloseable {
  private final ReleaseSet set;
  private final Snapshot snapshot;
  private final List<String> notes;

  private ReleaseSelection(ReleaseSet set, Snapshot snapshot, List<String> notes) {
    this.set = set;
    this.snapshot = snapshot;
    this.notes = List.copyOf(notes);
  }

  /**
   * Discovers the releases under {@code dir} (the repository's root, or a directory in it).
   *
   * @param gitRef audit this commit, branch or tag instead of the working tree; {@code null}: the
   *     working tree
   * @param changedSince keep only the releases whose chart (with its {@code file://} dependencies),
   *     values files or declaring file differ between this ref and what is audited (the working
   *     tree with its uncommitted changes, or {@code gitRef}); {@code null}: all
   * @throws KatafraktosException {@code dir} is missing, not in a git repository (with a ref), or a
   *     ref names no commit
   */
  public static ReleaseSelection discover(Path dir, String gitRef, String changedSince)
      throws KatafraktosException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (gitRef == null && changedSince == null) {
      ReleaseSet set = ReleaseSet.discover(absolute);
      return new ReleaseSelection(set, null, describe(set, dir.toString()));
    }
    try (GitRepository repo = GitRepository.open(absolute)) {
      Snapshot snapshot = null;
      try {
        Path base = absolute;
        String where = dir.toString();
        if (gitRef != null) {
          snapshot = repo.snapshot(gitRef);
          base = snapshot.map(absolute);
          where = dir + " at " + gitRef + " (" + snapshot.commitId().substring(0, 12) + ")";
        }
        Set<String> changed = null;
        if (changedSince != null) {
          changed =
              gitRef == null
                  ? repo.changedSince(changedSince)
                  : repo.changedBetween(changedSince, gitRef);
        }
        ReleaseSet all = ReleaseSet.discover(base);
        List<String> notes = describe(all, where);
        ReleaseSet selected = all;
        if (changed != null) {
          Path root = snapshot != null ? snapshot.root() : repo.workTree().orElseThrow();
          Set<Path> paths = new LinkedHashSet<>();
          changed.forEach(p -> paths.add(root.resolve(p)));
          selected = all.touchedBy(paths);
          notes.add(
              "--changed-since "
                  + changedSince
                  + ": "
                  + selected.declared().size()
                  + " of "
                  + all.declared().size()
                  + " releases changed ("
                  + changed.size()
                  + (changed.size() == 1 ? " file differs" : " files differ")
                  + (gitRef == null ? " from the working tree" : " from " + gitRef)
                  + ")");
        }
        return new ReleaseSelection(selected, snapshot, notes);
      } catch (GitOpsException | RuntimeException e) {
        if (snapshot != null) {
          snapshot.close();
        }
        throw e;
      }
    } catch (GitOpsException e) {
      throw new KatafraktosException(null, e.getMessage(), e);
    }
  }

  /**
   * The releases of a {@code katafraktos.yaml}'s {@code releases:} list, or empty when it lists
   * none.
   */
  public static Optional<ReleaseSelection> configured(Path configFile) throws KatafraktosException {
    ReleaseSet set = ReleaseSet.load(configFile);
    if (set.declared().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReleaseSelection(
            set,
            null,
            List.of(
                set.declared().size()
                    + (set.declared().size() == 1 ? " release" : " releases")
                    + " listed in "
                    + configFile)));
  }

  /** The selected releases. */
  public ReleaseSet releases() {
    return set;
  }

  /**
   * What was found, per kind, what was skipped and why, and what {@code --changed-since} kept:
   * lines for a log or standard error.
   */
  public List<String> notes() {
    return notes;
  }

  static List<String> describe(ReleaseSet set, String where) {
    Map<ReleaseOrigin.Kind, Integer> byKind = new LinkedHashMap<>();
    set.declared().forEach(r -> byKind.merge(r.origin().kind(), 1, Integer::sum));
    List<String> kinds = new ArrayList<>();
    byKind.forEach((kind, n) -> kinds.add(n + " " + kind.id()));
    List<String> notes = new ArrayList<>();
    notes.add(
        "Discovered "
            + set.declared().size()
            + (set.declared().size() == 1 ? " release" : " releases")
            + " in "
            + where
            + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")")
            + (set.skipped().isEmpty() ? "" : "; skipped " + set.skipped().size() + ":"));
    for (Skipped s : set.skipped()) {
      notes.add("  " + slashes(set.display(s.origin())) + ": " + s.what() + ": " + s.reason());
    }
    return notes;
  }

  private static String slashes(Path path) {
    return path.toString().replace(java.io.File.separatorChar, '/');
  }

  /** Deletes the snapshot of a git ref and the temporary files of inline values. */
  @Override
  public void close() {
    try {
      set.close();
    } finally {
      if (snapshot != null) {
        snapshot.close();
      }
    }
  }
}
