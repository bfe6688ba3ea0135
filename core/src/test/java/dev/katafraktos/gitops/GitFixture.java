package dev.katafraktos.gitops;

import dev.katafraktos.testsupport.RealTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Real git repositories for the gitops tests, built and inspected with the git binary, which is the
 * independent check on what JGit does. Git and JGit see the same configuration: a private HOME with
 * its own {@code .gitconfig}, no system configuration, no {@code GIT_*} variables from the
 * environment the tests run in.
 */
public final class GitFixture implements AutoCloseable {
  static final String INSTALL_HINT =
      "the gitops tests check JGit against the real git binary; install it: apt-get install git";

  /** Who the git binary commits as; JGit commits by whatever the configuration says. */
  static final String AUTHOR_NAME = "Fixture Author";

  static final String AUTHOR_EMAIL = "fixture@example.test";

  final Path home;
  private final SystemReader previous;

  private GitFixture(Path home) {
    this.home = home;
    this.previous = SystemReader.getInstance();
    SystemReader.setInstance(new IsolatedConfig(previous, home));
  }

  /** Requires git (fails under {@code CI=true}, skips otherwise), and isolates its config. */
  public static GitFixture create(Path tempDir) throws IOException {
    RealTools.requireTool("git", INSTALL_HINT);
    Path home = Files.createDirectories(tempDir.resolve("home"));
    Files.writeString(
        home.resolve(".gitconfig"),
        "[init]\n\tdefaultBranch = main\n[core]\n\tautocrlf = false\n"
            + "[advice]\n\tdetachedHead = false\n");
    return new GitFixture(home);
  }

  /** An empty repository with {@code main} as its unborn branch. */
  public Path init(Path dir) throws IOException {
    Files.createDirectories(dir);
    git(dir, "init", "-q", "-b", "main");
    return dir;
  }

  /**
   * A GitOps repository with history: {@code v1} (lightweight tag) has charts, values per
   * environment, an executable script, a file and a directory symlink, a binary file with CRLF
   * bytes and a name with a space; {@code v2} (annotated) = {@code HEAD~2} changes prod's values;
   * branch {@code feature} adds staging and changes the chart's values; {@code main} then renames
   * dev's values and changes the script (HEAD~1), and deletes the binary file (HEAD).
   */
  Path gitopsRepo(Path dir) throws IOException {
    init(dir);
    write(dir, ".gitignore", "*.tmp\nbuild/\n");
    write(dir, "charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    write(dir, "charts/app/values.yaml", "image:\n  repository: nginx\n  tag: \"1.25\"\n");
    write(
        dir,
        "charts/app/templates/deployment.yaml",
        "image: {{ .Values.image.repository }}:{{ .Values.image.tag }}\n");
    write(dir, "envs/prod/values.yaml", "replicas: 3\n");
    write(dir, "envs/dev/values.yaml", "replicas: 1\n");
    write(dir, "envs/dev/notes with space.txt", "dev notes\r\nsecond line\r\n");
    write(dir, "scripts/render.sh", "#!/bin/sh\nhelm template charts/app\n");
    executable(dir, "scripts/render.sh", true);
    write(dir, "scripts/lint.sh", "#!/bin/sh\nhelm lint charts/app\n");
    write(dir, "data/keep.txt", "keep\n");
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    write(dir, "data/blob.bin", binary);
    symlink(dir, "envs/current", "prod");
    symlink(dir, "charts/app/values-default.yaml", "values.yaml");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "Initial charts and values");
    git(dir, "tag", "v1");

    write(dir, "envs/prod/values.yaml", "replicas: 5\n");
    git(dir, "commit", "-q", "-am", "Scale prod");
    git(dir, "tag", "-a", "v2", "-m", "Release 2");

    git(dir, "checkout", "-q", "-b", "feature");
    write(dir, "envs/staging/values.yaml", "replicas: 2\n");
    write(dir, "charts/app/values.yaml", "image:\n  repository: nginx\n  tag: \"1.27\"\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "Add staging");
    git(dir, "checkout", "-q", "main");

    git(dir, "mv", "envs/dev/values.yaml", "envs/dev/values-dev.yaml");
    write(dir, "scripts/render.sh", "#!/bin/sh\nhelm template charts/app --debug\n");
    git(dir, "commit", "-q", "-am", "Rename dev values");
    git(dir, "rm", "-q", "data/blob.bin");
    git(dir, "commit", "-q", "-m", "Drop the binary");
    return dir;
  }

  /** Runs git in {@code dir}; fails the test unless it exits 0. Returns stdout as UTF-8. */
  public String git(Path dir, String... args) {
    Result result = run(dir, args);
    if (result.exit() != 0) {
      throw new AssertionError(
          "git " + String.join(" ", args) + " exited " + result.exit() + ": " + result.stderr());
    }
    return result.stdout();
  }

  /** Runs git in {@code dir}; stdout as bytes. */
  byte[] gitBytes(Path dir, String... args) {
    Result result = run(dir, args);
    if (result.exit() != 0) {
      throw new AssertionError(
          "git " + String.join(" ", args) + " exited " + result.exit() + ": " + result.stderr());
    }
    return result.bytes();
  }

  /** NUL-separated output ({@code -z}) as a list. */
  List<String> gitList(Path dir, String... args) {
    String out = git(dir, args);
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\0"));
  }

  record Result(int exit, byte[] bytes, String stderr) {
    String stdout() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  Result run(Path dir, String... args) {
    return run(Map.of(), dir, args);
  }

  /** Runs git in {@code dir} with these environment variables added. */
  Result run(Map<String, String> extraEnv, Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("GIT_") || key.startsWith("XDG_"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString());
    // read-only commands (status, diff) must not refresh the index: we compare its bytes
    env.put("GIT_OPTIONAL_LOCKS", "0");
    env.put("GIT_AUTHOR_NAME", AUTHOR_NAME);
    env.put("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL);
    env.put("GIT_COMMITTER_NAME", AUTHOR_NAME);
    env.put("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL);
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.putAll(extraEnv);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] stdout = readAll(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within 60 s");
      }
      return new Result(
          process.exitValue(), stdout, new String(stderr.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the files below {@code from} to {@code to}, e.g. a test repository into a fixture. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  public static Path write(Path dir, String path, String content) throws IOException {
    return write(dir, path, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String path, byte[] content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  static void executable(Path dir, String path, boolean executable) throws IOException {
    Files.setPosixFilePermissions(
        dir.resolve(path), PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  static void symlink(Path dir, String path, String target) throws IOException {
    Path link = dir.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }

  @Override
  public void close() {
    SystemReader.setInstance(previous);
  }

  /** JGit's view of the configuration: the fixture's HOME only, as git's with the env above. */
  private static final class IsolatedConfig extends SystemReader.Delegate {
    private final Path home;

    IsolatedConfig(SystemReader delegate, Path home) {
      super(delegate);
      this.home = home;
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
      return new FileBasedConfig(parent, home.resolve(".gitconfig").toFile(), fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
      return new FileBasedConfig(parent, home.resolve(".config/jgit/config").toFile(), fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
      // what JGit itself does for GIT_CONFIG_NOSYSTEM
      return new FileBasedConfig(parent, null, fs) {
        @Override
        public void load() {
          // no system configuration
        }

        @Override
        public boolean isOutdated() {
          return false;
        }
      };
    }
  }
}
