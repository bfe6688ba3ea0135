package dev.katafraktos.maven;

import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.RegistryLogin;
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
   * {@code katafraktos.yaml}, the configuration file the command line reads (registry, mappings,
   * policy, credentials by reference); the other parameters override it.
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

  List<dev.katafraktos.api.Release> releases() throws ConfigurationError {
    Path helm = helmBinary == null ? null : Releases.absolute(basedir.toPath(), helmBinary);
    RenderSettings render =
        new RenderSettings(
            RenderSettings.renderer(renderer, helm),
            helm,
            blankToNull(kubeVersion),
            includeCrds,
            skipChartTests);
    return Releases.resolve(
        basedir.toPath(), releases == null ? List.of() : List.of(releases), charts, render);
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
