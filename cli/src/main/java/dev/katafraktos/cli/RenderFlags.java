package dev.katafraktos.cli;

import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.api.RendererKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code helm template} flags every command that renders charts takes. */
final class RenderFlags {
  enum Renderer {
    embedded,
    helm
  }

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description = "Values file (repeatable; later files win).")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "K=V",
      description = "Set a value, as helm --set (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--set-string",
      paramLabel = "K=V",
      description = "Set a string value, as helm --set-string (repeatable).")
  List<String> setString = new ArrayList<>();

  @Option(
      names = "--release",
      paramLabel = "NAME",
      description = "Release name (default: release-name, as helm template).")
  String release;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: default).")
  String namespace;

  @Option(
      names = "--kube-version",
      paramLabel = "V",
      description =
          "Kubernetes version for .Capabilities (default: the renderer's helm default). Repeat it"
              + " for an upgrade: list and audit render every release once per version, rewrite"
              + " proves one plan on every version.")
  List<String> kubeVersions = new ArrayList<>();

  @Option(
      names = "--api-versions",
      paramLabel = "GROUP/VERSION",
      split = ",",
      description =
          "Add to .Capabilities.APIVersions, as helm's --api-versions (repeatable; with"
              + " --renderer helm: the embedded renderer cannot set them).")
  List<String> apiVersions = new ArrayList<>();

  @Option(
      names = "--include-crds",
      description = "Keep the documents of the charts' crds/ directories.")
  boolean includeCrds;

  @Option(names = "--skip-tests", description = "Drop chart tests (helm.sh/hook: test).")
  boolean skipTests;

  @Option(
      names = "--renderer",
      paramLabel = "embedded|helm",
      defaultValue = "embedded",
      description = "Embedded helm (default) or a helm binary.")
  Renderer renderer;

  @Option(
      names = "--helm-binary",
      paramLabel = "PATH",
      description = "The helm 3 or 4 binary for --renderer helm (default: helm on PATH).")
  Path helmBinary;

  /** Whether a flag that belongs to one release (values, names) was given. */
  boolean perRelease() {
    return !valuesFiles.isEmpty()
        || !set.isEmpty()
        || !setString.isEmpty()
        || release != null
        || namespace != null;
  }

  /**
   * Takes {@code kubeVersions:} and {@code apiVersions:} of the configuration where the command
   * line gives no {@code --kube-version} or {@code --api-versions}: flags win, as everywhere else.
   */
  void defaults(dev.katafraktos.policy.AuditConfig config) {
    if (kubeVersions.isEmpty()) {
      kubeVersions.addAll(config.kubeVersions());
    }
    if (apiVersions.isEmpty()) {
      apiVersions.addAll(config.apiVersions());
    }
  }

  /** The releases once per {@code --kube-version} (as they are without one). */
  List<dev.katafraktos.api.Release> perVersion(List<dev.katafraktos.api.Release> releases) {
    return dev.katafraktos.api.KubeVersions.expand(releases, kubeVersions);
  }

  RenderOptions toOptions() {
    return RenderOptions.builder()
        .release(release)
        .namespace(namespace)
        .valuesFiles(valuesFiles)
        .set(set)
        .setString(setString)
        .kubeVersion(kubeVersions.size() == 1 ? kubeVersions.get(0) : null)
        .apiVersions(apiVersions)
        .includeCrds(includeCrds)
        .skipTests(skipTests)
        .renderer(
            renderer == Renderer.helm || helmBinary != null
                ? RendererKind.HELM
                : RendererKind.EMBEDDED)
        .helmBinary(helmBinary)
        .build();
  }
}
