package dev.katafraktos.releases;

import dev.katafraktos.model.ReleaseOrigin;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test repositories of {@code testdata/repos/}, and small ones written by a test. */
final class RepoFixture {
  static final Path REPOS =
      Path.of(System.getProperty("katafraktos.testdata", "../testdata"), "repos")
          .toAbsolutePath()
          .normalize();

  /** The URL the Applications written by tests give for the repository under test. */
  static final String REPO = "https://git.example.com/team/deploy.git";

  private RepoFixture() {}

  static ReleaseOrigin origin(Path file, ReleaseOrigin.Kind kind) {
    return ReleaseOrigin.of(file, kind);
  }

  static void write(Path root, String path, String text) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A chart {@code charts/web} with a {@code values.yaml}. */
  static void webChart(Path root) throws Exception {
    write(root, "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    write(root, "charts/web/values.yaml", "image: nginx:1.27\n");
  }

  /** An Argo CD Application of this repository; {@code helm} is the indented body of its helm. */
  static String application(String name, String path, String helm) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: %s
        spec:
          source:
            repoURL: %s
            path: %s
            helm:
        %s"""
        .formatted(name, REPO, path, helm);
  }
}
