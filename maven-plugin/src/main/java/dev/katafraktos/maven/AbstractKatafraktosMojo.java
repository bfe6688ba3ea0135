package dev.katafraktos.maven;

import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.frontend.ConfigOverrides;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal shares (releases, registry, mappings, rendering, credentials, skip),
 * and their translation into core requests. Each goal binds its own few parameters, calls the
 * facade and maps the outcome to the log and the build result.
 */
abstract class AbstractKatafraktosMojo extends AbstractMojo {

  /**
   * The releases to render: each {@code <release>} has a {@code <chart>} (a chart directory or
   * {@code .tgz}, required), a {@code <name>} (default {@code release-name}), a {@code <namespace>}
   * (default {@code default}), {@code <valuesFiles>} with one {@code <valuesFile>} each (in order;
   * {@code rewrite-values} edits them), and {@code <set>} / {@code <setString>} entries written as
   * {@code <key>value</key>} (e.g. {@code <image.tag>1.2</image.tag>}). Relative paths are taken
   * from the project directory.
   */
  @Parameter Release[] releases;

  /**
   * Charts to render with the default values, release name and namespace, in addition to {@code
   * releases}: the quick case, {@code -Dkatafraktos.charts=charts/a,charts/b}.
   */
  @Parameter(property = "katafraktos.charts")
  List<File> charts;

  /**
   * A repository checkout (relative paths from the project directory) whose declared releases are
   * the ones to audit, list or rewrite, instead of {@code releases} and {@code charts}: Argo CD
   * Applications, Flux HelmReleases, helmfiles, chart directories with {@code values-<env>.yaml}
   * (see docs/release-discovery.md). Each release is reported with the file that declares it; one
   * that cannot be rendered fails the build, the others are still audited.
   */
  @Parameter(property = "katafraktos.discover")
  File discover;

  /**
   * With {@code discover}: read the repository as it is at this commit, branch or tag (from git
   * objects; the working tree, index and HEAD are not touched) instead of the working tree. For
   * {@code audit-images} and {@code list-images}; {@code rewrite-values} refuses it.
   */
  @Parameter(property = "katafraktos.gitRef")
  String gitRef;

  /**
   * With {@code discover}: only the releases whose chart (with its {@code file://} dependencies),
   * values files or declaring file changed since this git ref, e.g. {@code origin/main} in a
   * pull-request build. Uncommitted changes count.
   */
  @Parameter(property = "katafraktos.changedSince")
  String changedSince;

  /**
   * {@code katafraktos.yaml}, the configuration file the command line reads (registry, mappings,
   * policy, credentials by reference); the other parameters override it. When neither {@code
   * releases}, {@code charts} nor {@code discover} is given, its {@code releases:} list is the
   * releases to use.
   */
  @Parameter(property = "katafraktos.configFile")
  File configFile;

  /** Your registry (Harbor) {@code host[:port]}: images may come from it. */
  @Parameter(property = "katafraktos.registry")
  String registry;

  /**
   * Where images of other registries are to come from, {@code SOURCE=TARGET} each: {@code
   * <mapping>docker.io=harbor.example.com/dockerhub-proxy</mapping>}. A mapping replaces the config
   * file's mapping for the same source.
   */
  @Parameter(property = "katafraktos.mappings")
  List<String> mappings;

  /** Registries spoken to over plain HTTP or without certificate verification. */
  @Parameter(property = "katafraktos.insecureRegistries")
  List<String> insecureRegistries;

  /** A PEM file of extra CA certificates, for a registry with a private CA. */
  @Parameter(property = "katafraktos.caFile")
  File caFile;

  /**
   * The id of a {@code <server>} in {@code settings.xml} whose {@code <username>} and {@code
   * <password>} (encrypted passwords are decrypted) log in to {@code registry}. Never printed.
   */
  @Parameter(property = "katafraktos.serverId")
  String serverId;

  /**
   * Which helm renders the charts: {@code embedded} (helm's engine inside the build; no helm binary
   * needed) or {@code helm} (a helm 3 or 4 binary).
   */
  @Parameter(property = "katafraktos.renderer", defaultValue = "embedded")
  String renderer;

  /** The helm binary for {@code renderer} {@code helm}; default: {@code helm} on the PATH. */
  @Parameter(property = "katafraktos.helmBinary")
  File helmBinary;

  /** The Kubernetes version charts see as {@code .Capabilities.KubeVersion}, e.g. {@code 1.33}. */
  @Parameter(property = "katafraktos.kubeVersion")
  String kubeVersion;

  /**
   * The Kubernetes versions of an upgrade, e.g. {@code 1.19.0,1.21.0,1.25.0}: list-images,
   * audit-images and mirror-images render every release once per version (each image audited once)
   * and log the images only some versions deploy; rewrite-values proves one plan on every version.
   * Not with {@code kubeVersion}; default: the configFile's {@code kubeVersions:}.
   */
  @Parameter(property = "katafraktos.kubeVersions")
  List<String> kubeVersions;

  /**
   * Group/versions added to {@code .Capabilities.APIVersions}, as helm's {@code --api-versions}
   * (with {@code renderer} {@code helm}: the embedded renderer cannot set them); default: the
   * configFile's {@code apiVersions:}.
   */
  @Parameter(property = "katafraktos.apiVersions")
  List<String> apiVersions;

  /** The configFile as {@link #fileConfig()} read it, or {@code null} before. */
  private AuditConfig fileConfig;

  /** Also look at the documents of the charts' {@code crds/} directories. */
  @Parameter(property = "katafraktos.includeCrds", defaultValue = "false")
  boolean includeCrds;

  /** Leave out chart tests ({@code helm.sh/hook: test}) and their images. */
  @Parameter(property = "katafraktos.skipChartTests", defaultValue = "false")
  boolean skipChartTests;

  /** Skips the goal. */
  @Parameter(property = "katafraktos.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  private final SettingsDecrypter decrypter;

  AbstractKatafraktosMojo(SettingsDecrypter decrypter) {
    this.decrypter = decrypter;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping katafraktos:" + goal() + " (katafraktos.skip=true)");
      return;
    }
    try {
      run();
    } catch (ConfigurationError | ConfigException e) {
      throw new MojoExecutionException(Messages.firstLine(e), e);
    }
  }

  /** The goal's name, for messages. */
  abstract String goal();

  abstract void run()
      throws MojoExecutionException, MojoFailureException, ConfigurationError, ConfigException;

  /**
   * The release set of this run, its notes logged: the releases of {@code discover}, or the {@code
   * releases:} of {@code configFile} when the POM names none; {@code null} when it names them.
   */
  ReleaseSelection releaseSet() throws ConfigurationError, MojoExecutionException {
    ReleaseSets.checkUsage(named(), discover, gitRef, changedSince);
    ReleaseSelection selection;
    try {
      selection =
          ReleaseSets.select(basedir.toPath(), named(), discover, gitRef, changedSince, configFile);
    } catch (KatafraktosException e) {
      throw failure(e);
    }
    if (selection != null) {
      log(selection.notes());
    }
    return selection;
  }

  /** What discovery found and skipped: a skipped release is not audited, so that is a warning. */
  void log(List<String> notes) {
    for (String note : notes) {
      if (note.startsWith("  ")) { // indented: one of the things skipped
        getLog().warn(relative(note));
      } else {
        getLog().info(relative(note));
      }
    }
  }

  /** Whether the POM names releases ({@code releases}, {@code charts}). */
  boolean named() {
    return (releases != null && releases.length > 0) || (charts != null && !charts.isEmpty());
  }

  /** The releases to render: those of {@code set}, or the POM's when it is {@code null}. */
  List<dev.katafraktos.api.Release> releases(ReleaseSelection set)
      throws ConfigurationError, MojoExecutionException {
    List<dev.katafraktos.api.Release> resolved;
    if (set == null) {
      resolved = namedReleases();
    } else {
      try {
        resolved = set.releases().releases(renderOptions());
      } catch (KatafraktosException e) {
        throw failure(e);
      }
    }
    return KubeVersions.expand(resolved, upgradeVersions());
  }

  /** The releases the POM names, each once (not yet once per version of an upgrade). */
  List<dev.katafraktos.api.Release> namedReleases() throws ConfigurationError {
    return Releases.resolve(
        basedir.toPath(), releases == null ? List.of() : List.of(releases), charts, render());
  }

  /**
   * The versions every release is rendered for, one render each: {@code kubeVersions}, else the
   * configFile's {@code kubeVersions:} unless {@code kubeVersion} names the one version.
   */
  List<String> upgradeVersions() throws ConfigurationError {
    List<String> asked = nonBlank(kubeVersions);
    if (!asked.isEmpty() && blankToNull(kubeVersion) != null) {
      throw new ConfigurationError(
          "Set kubeVersion or kubeVersions, not both: kubeVersions renders every release once per"
              + " version of an upgrade");
    }
    if (!asked.isEmpty() || blankToNull(kubeVersion) != null) {
      return asked;
    }
    return fileConfig().kubeVersions();
  }

  /**
   * The configuration the render parameters default to, read once per run: every release's render
   * options ask for it.
   */
  private AuditConfig fileConfig() throws ConfigurationError {
    if (fileConfig == null) {
      try {
        fileConfig = config(null);
      } catch (ConfigException e) {
        throw new ConfigurationError(Messages.firstLine(e));
      }
    }
    return fileConfig;
  }

  private static List<String> nonBlank(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  /** The render parameters every release shares. */
  RenderOptions renderOptions() throws ConfigurationError {
    return Releases.options(render()).build();
  }

  private RenderSettings render() throws ConfigurationError {
    Path helm = helmBinary == null ? null : Releases.absolute(basedir.toPath(), helmBinary);
    List<String> api = nonBlank(apiVersions);
    return new RenderSettings(
        RenderSettings.renderer(renderer, helm),
        helm,
        blankToNull(kubeVersion),
        api.isEmpty() ? fileConfig().apiVersions() : api,
        includeCrds,
        skipChartTests);
  }

  /** {@code configFile} with the parameters laid over it. */
  AuditConfig config(Severity failOn) throws ConfigException {
    return new ConfigOverrides()
        .configFile(configFile == null ? null : Releases.absolute(basedir.toPath(), configFile))
        .registry(registry)
        .mappings(mappings == null ? List.of() : mappings)
        .insecureRegistries(insecureRegistries == null ? List.of() : insecureRegistries)
        .caFile(caFile == null ? null : Releases.absolute(basedir.toPath(), caFile), "<caFile>")
        .failOn(failOn)
        .resolve();
  }

  /** The login from {@code serverId} for the configured registry, or {@code null}. */
  RegistryLogin login(AuditConfig config) throws ConfigurationError {
    return ServerCredentials.login(serverId, config.registry(), settings, decrypter);
  }

  /** A path for the log: relative to the project when inside it. */
  String label(Path path) {
    return Releases.label(basedir.toPath(), path.toAbsolutePath().normalize());
  }

  /**
   * A line of core's output with the project directory taken out of the paths in it: core gets
   * absolute paths (Maven may run from anywhere), users wrote them relative to the project.
   */
  String relative(String line) {
    return line.replace(basedir.toPath().toAbsolutePath().normalize() + File.separator, "");
  }

  /** A run that could not complete (a chart that does not render, ...), on one line. */
  MojoExecutionException failure(KatafraktosException e) {
    return new MojoExecutionException(relative(Messages.firstLine(e)), e);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
