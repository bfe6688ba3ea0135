package dev.katafraktos.maven;

import dev.katafraktos.api.AuditRequest;
import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.frontend.AuditFormat;
import dev.katafraktos.frontend.AuditReports;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.AuditConfigLoader;
import dev.katafraktos.policy.ConfigException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Renders the releases, checks every image (and its mapped target) against the registry, applies
 * the policy, logs each finding, writes the reports, and fails the build when findings reach {@code
 * failOn}, or when a release of a release set ({@code discover}, the {@code configFile}'s {@code
 * releases:}) cannot be rendered.
 */
@Mojo(
    name = "audit-images",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresProject = false,
    threadSafe = true)
public class AuditImagesMojo extends AbstractKatafraktosMojo {

  /**
   * The least severity that fails the build: {@code error}, {@code warning}, {@code info} or {@code
   * none} (findings are logged, the build passes). Default: the config file's {@code failOn}, else
   * {@code error}.
   */
  @Parameter(property = "katafraktos.failOn")
  String failOn;

  /** Apply the rules that need no registry, without asking any registry. */
  @Parameter(property = "katafraktos.offline", defaultValue = "false")
  boolean offline;

  /**
   * Report files to write into {@code reportDirectory}: {@code json}, {@code sarif}, {@code junit}
   * (JUnit XML, for CI test tabs), {@code markdown}, {@code table} (the text table).
   */
  @Parameter(
      property = "katafraktos.reportFormats",
      defaultValue = "json,sarif,junit,markdown,table")
  List<String> reportFormats;

  /** Where the report files are written. */
  @Parameter(
      property = "katafraktos.reportDirectory",
      defaultValue = "${project.build.directory}/katafraktos")
  File reportDirectory;

  @Inject
  public AuditImagesMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  String goal() {
    return "audit-images";
  }

  @Override
  void run()
      throws MojoExecutionException, MojoFailureException, ConfigurationError, ConfigException {
    AuditConfig config =
        config(failOn == null || failOn.isBlank() ? null : AuditConfigLoader.parseSeverity(failOn));
    List<AuditFormat> formats = new ArrayList<>();
    for (String format : reportFormats == null ? List.<String>of() : reportFormats) {
      formats.add(AuditFormat.parse(format));
    }
    RegistryLogin login = login(config);
    try (ReleaseSelection set = releaseSet()) {
      List<dev.katafraktos.api.Release> releases = releases(set);
      if (releases.isEmpty()) {
        getLog().info("No release to audit");
        return;
      }
      audit(releases, config, formats, login);
    }
  }

  private void audit(
      List<dev.katafraktos.api.Release> releases,
      AuditConfig config,
      List<AuditFormat> formats,
      RegistryLogin login)
      throws MojoExecutionException, MojoFailureException {
    getLog()
        .info(
            "Auditing "
                + releases.size()
                + (releases.size() == 1 ? " release" : " releases")
                + (offline ? " offline" : "")
                + (config.registry() == null ? "" : " for registry " + config.registry())
                + (login == null ? "" : " as " + login.username())
                + ", failing on "
                + severityName(config.effectiveFailOn()));
    AuditResult result;
    try {
      result =
          Katafraktos.create()
              .audit(
                  new AuditRequest(releases, config, offline, login),
                  (done, total) -> getLog().debug("checked " + done + " of " + total));
    } catch (KatafraktosException e) {
      throw failure(e);
    }
    AuditLog.print(getLog(), result, this::relative);
    String details = reports(result, formats);
    if (result.failed() || !result.inventory().failures().isEmpty()) {
      throw new MojoFailureException(AuditLog.failureMessage(result, config.registry(), details));
    }
  }

  static String severityName(Severity severity) {
    return severity == Severity.OFF ? "none" : severity.name().toLowerCase(Locale.ROOT);
  }

  /** Writes the report files; returns the one a person reads first, for the failure message. */
  private String reports(AuditResult result, List<AuditFormat> formats)
      throws MojoExecutionException {
    if (formats.isEmpty()) {
      return null;
    }
    Path directory = reportDirectory.toPath();
    List<Path> written;
    try {
      written = AuditReports.write(directory, result, formats);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write the reports to " + directory + ": " + Messages.firstLine(e), e);
    }
    getLog()
        .info(
            "Reports in "
                + label(directory)
                + ": "
                + written.stream()
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(", ")));
    Path first =
        formats.contains(AuditFormat.MARKDOWN)
            ? directory.resolve(AuditFormat.MARKDOWN.fileName())
            : written.get(0);
    return label(first);
  }
}
