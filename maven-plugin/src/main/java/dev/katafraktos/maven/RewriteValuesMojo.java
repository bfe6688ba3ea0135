package dev.katafraktos.maven;

import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.api.RewriteRequest;
import dev.katafraktos.api.RewriteResult;
import dev.katafraktos.api.RewriteResult.UnmovableImage;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.report.RewriteText;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Edits each release's values files so that every image a mapping covers comes from its target,
 * proven by rendering again before anything is written. Comments, order and quoting survive.
 */
@Mojo(name = "rewrite-values", requiresProject = false, threadSafe = true)
public class RewriteValuesMojo extends AbstractKatafraktosMojo {

  /** Print a unified diff of each values file and write nothing. */
  @Parameter(property = "katafraktos.dryRun", defaultValue = "false")
  boolean dryRun;

  /**
   * Resolve each moved image's tag to the digest its target registry serves, and pin it (needs the
   * registry, with {@code serverId} when it requires a login).
   */
  @Parameter(property = "katafraktos.pinDigests", defaultValue = "false")
  boolean pinDigests;

  @Inject
  public RewriteValuesMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  String goal() {
    return "rewrite-values";
  }

  @Override
  void run()
      throws MojoExecutionException, MojoFailureException, ConfigurationError, ConfigException {
    List<dev.katafraktos.api.Release> releases = releases();
    for (dev.katafraktos.api.Release release : releases) {
      if (release.render().valuesFiles().isEmpty()) {
        throw new ConfigurationError(
            "Release of "
                + release.displayName()
                + " has no <valuesFiles>; rewrite-values edits them, so name the values file(s)"
                + " to rewrite");
      }
    }
    AuditConfig config = config(null);
    if (config.mappings().isEmpty()) {
      throw new ConfigurationError(
          "No mapping configured; add <mappings><mapping>docker.io=HARBOR/PROJECT</mapping>"
              + "</mappings> (or mappings: in katafraktos.yaml)");
    }
    RegistryLogin login = pinDigests ? login(config) : null;
    List<String> unmovable = new ArrayList<>();
    for (dev.katafraktos.api.Release release : releases) {
      RewriteResult result;
      try {
        result =
            Katafraktos.create()
                .rewrite(
                    new RewriteRequest(
                        release.chart(),
                        release.render(),
                        config,
                        null,
                        dryRun,
                        pinDigests,
                        login));
      } catch (KatafraktosException e) {
        throw failure(e);
      }
      if (dryRun) {
        result.files().forEach(f -> f.diff().lines().map(this::relative).forEach(getLog()::info));
      }
      RewriteText.write(result, dryRun).lines().map(this::relative).forEach(getLog()::info);
      for (UnmovableImage image : result.notControllable()) {
        unmovable.add(
            image.image()
                + " ("
                + image.source()
                + (image.line() > 0 ? ":" + image.line() : "")
                + ": "
                + image.reason()
                + ")");
      }
    }
    if (!unmovable.isEmpty()) {
      throw new MojoFailureException(
          unmovable.size()
              + (unmovable.size() == 1 ? " image cannot" : " images cannot")
              + " be moved by values: "
              + String.join("; ", unmovable)
              + ". "
              + (dryRun ? "Nothing was written (dry run)" : "The other edits were written")
              + "; move these in the chart's templates, or ask its maintainers for a value.");
    }
  }
}
