package dev.katafraktos.gitops;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A new tree: a base tree with some files replaced or added, built in an in-memory index (never the
 * repository's) and written with an {@link ObjectInserter}.
 */
final class TreeBuilder {
  private TreeBuilder() {}

  /**
   * @param baseTree the tree to start from, or {@code null} for an empty one
   * @param files checked repository-relative paths and their content
   * @param baseName how messages name the base, e.g. its abbreviated commit id
   */
  static ObjectId write(
      ObjectReader reader,
      ObjectInserter inserter,
      ObjectId baseTree,
      Map<String, byte[]> files,
      String baseName)
      throws IOException, GitOpsException {
    Map<String, byte[]> remaining = new TreeMap<>(files);
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    Set<String> paths = new HashSet<>();
    Set<String> links = new HashSet<>();
    if (baseTree != null) {
      try (TreeWalk tree = new TreeWalk(reader)) {
        tree.addTree(baseTree);
        tree.setRecursive(true);
        while (tree.next()) {
          String path = tree.getPathString();
          FileMode mode = tree.getFileMode(0);
          byte[] content = remaining.remove(path);
          DirCacheEntry entry = new DirCacheEntry(path);
          entry.setFileMode(mode); // a replaced file keeps its mode, e.g. 100755
          if (content == null) {
            entry.setObjectId(tree.getObjectId(0));
          } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, content));
          } else {
            throw new GitOpsException(
                "'"
                    + path
                    + "' is a "
                    + (mode == FileMode.SYMLINK ? "symbolic link" : "submodule")
                    + " in "
                    + baseName
                    + ", not a file; commit the file it stands for instead — nothing was changed");
          }
          builder.add(entry);
          paths.add(path);
          if (mode == FileMode.SYMLINK) {
            links.add(path);
          }
        }
      }
    }
    refuseUnderLink(links, files, baseName);
    for (Map.Entry<String, byte[]> added : remaining.entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(added.getKey());
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, added.getValue()));
      builder.add(entry);
      paths.add(added.getKey());
    }
    refuseFileDirectoryClash(paths, files, baseName);
    builder.finish();
    return index.writeTree(inserter);
  }

  /**
   * A file to commit under a directory that is a symbolic link in the base: git would store it
   * beside the link as a new directory, which is not the file the link's readers see, and the
   * content may come from a file the link pointed to — never written through or around a link.
   */
  private static void refuseUnderLink(Set<String> links, Map<String, byte[]> files, String baseName)
      throws GitOpsException {
    for (String path : files.keySet()) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String dir = path.substring(0, slash);
        if (links.contains(dir)) {
          throw new GitOpsException(
              "cannot commit '"
                  + path
                  + "': '"
                  + dir
                  + "' is a symbolic link in "
                  + baseName
                  + ", and a file under it is not committed through it — nothing was changed");
        }
      }
    }
  }

  /** A tree cannot hold {@code a} as a file and {@code a/b}; git fsck would reject it. */
  private static void refuseFileDirectoryClash(
      Set<String> paths, Map<String, byte[]> files, String baseName) throws GitOpsException {
    for (String path : files.keySet()) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          throw clash(path, path.substring(0, slash), baseName);
        }
      }
    }
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String file = path.substring(0, slash);
        if (files.containsKey(file)) {
          throw clash(file, file, baseName);
        }
      }
    }
  }

  private static GitOpsException clash(String path, String directory, String baseName) {
    return new GitOpsException(
        "cannot commit '"
            + path
            + "' on top of "
            + baseName
            + ": '"
            + directory
            + "' would be both a file and a directory — nothing was changed");
  }
}
