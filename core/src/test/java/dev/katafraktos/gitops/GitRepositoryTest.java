package dev.katafraktos.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What needs no repository: opening outside one, messages, path checks. */
class GitRepositoryTest {
  @TempDir Path temp;

  @Test
  void open_directoryOutsideAnyRepository_saysSoInOneLine() {
    assertThatThrownBy(() -> GitRepository.open(temp))
        .isInstanceOf(GitOpsException.class)
        .hasMessage(
            temp
                + " is not in a git repository (nor is any of its parent directories);"
                + " pass a directory inside a clone");
  }

  @Test
  void mainCode_neverStartsAProcess() throws Exception {
    try (var sources = Files.list(Path.of("src/main/java/dev/katafraktos/gitops"))) {
      for (Path source : sources.toList()) {
        assertThat(Files.readString(source))
            .as(source + " works in-process through JGit; it must not run git")
            .doesNotContain("ProcessBuilder", "Runtime.getRuntime", "FS.runProcess", "runInShell");
      }
    }
  }

  @Test
  void open_missingDirectory_saysItDoesNotExist() {
    Path missing = temp.resolve("nope");

    assertThatThrownBy(() -> GitRepository.open(missing))
        .isInstanceOf(GitOpsException.class)
        .hasMessage(missing + " does not exist");
  }

  @Test
  void exception_multiLineMessage_becomesOneLine() {
    assertThat(new GitOpsException("cannot read\n  the index\r\nof x").getMessage())
        .isEqualTo("cannot read the index of x");
  }

  @Test
  void author_withAngleBrackets_isRefused() {
    assertThatThrownBy(() -> new GitAuthor("Eve <evil>", "e@x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GitAuthor("Eve", "e@x>\nparent 0000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(GitAuthor.DEFAULT).hasToString("Katafraktos <katafraktos@localhost>");
  }

  @Test
  void repoPaths_outsideTheRepositoryOrUnsafe_areRefused() throws Exception {
    for (String path :
        new String[] {
          "", "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a/", ".git/config", "a\\b", "C:x"
        }) {
      assertThatThrownBy(() -> RepoPaths.check(path, "the path"))
          .as(path)
          .isInstanceOf(GitOpsException.class);
    }
    assertThat(RepoPaths.check("envs/prod/values.yaml", "the path"))
        .isEqualTo("envs/prod/values.yaml");
  }

  @Test
  void workTreePaths_mapInsideAndRefuseOutside() throws Exception {
    Path tree = Files.createDirectories(temp.resolve("repo"));
    WorkTreePaths paths = new WorkTreePaths(tree);

    assertThat(paths.relative(tree.resolve("envs/prod/../dev/values.yaml")))
        .isEqualTo("envs/dev/values.yaml");
    assertThatThrownBy(() -> paths.relative(temp.resolve("other/values.yaml")))
        .hasMessage(temp.resolve("other/values.yaml") + " is outside the working tree " + tree);
    assertThatThrownBy(() -> paths.relative(tree.resolve(".git/config")))
        .hasMessageContaining("inside the .git directory");
  }

  @Test
  void workTreePaths_throughASymlinkedParent_mapToTheSameFile() throws Exception {
    Path tree = Files.createDirectories(temp.resolve("real/repo"));
    Path alias = Files.createSymbolicLink(temp.resolve("alias"), temp.resolve("real"));

    assertThat(new WorkTreePaths(tree).relative(alias.resolve("repo/a/b.yaml")))
        .isEqualTo("a/b.yaml");
  }
}
