package dev.katafraktos.maven;

import dev.katafraktos.api.CommittedRewrite;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.api.ReleaseSetRewrite;
import dev.katafraktos.api.RewriteRequest;
import dev.katafraktos.api.RewriteResult;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
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
 * proven by rendering again before anything is written. Comments, order and quoting survive. With
 * {@code discover}, every release of the repository; with {@code commit}, as one commit on a
 * branch.
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

  /**
   * With {@code discover} (a git checkout without uncommitted changes): write the rewrites as one
   * commit on {@code branch} instead of into the working tree. HEAD, the index and the working tree
   * stay as they are; nothing is pushed.
   */
  @Parameter(property = "katafraktos.commit", defaultValue = "false")
  boolean commit;

  /**
   * With {@code commit}: the branch to commit to, created from HEAD when missing. Default: {@code
   * katafraktos/images-<HEAD's short id>}.
   */
  @Parameter(property = "katafraktos.branch")
  String branch;

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
    ReleaseSets.checkRewrite(discover, gitRef, changedSince, commit, branch, dryRun);
    AuditConfig config = config(null);
    if (config.mappings().isEmpty()) {
      throw new ConfigurationError(
          "No mapping configured; add <mappings><mapping>docker.io=HARBOR/PROJECT</mapping>"
              + "</mappings> (or mappings: in katafraktos.yaml)");
    }
    RegistryLogin login = pinDigests ? login(config) : null;
    List<String> versions = upgradeVersions();
    if (commit) {
      ReleaseSets.checkUsage(named(), discover, gitRef, changedSince);
      commit(config, login, versions);
      return;
    }
    try (ReleaseSelection set = releaseSet()) {
      if (set == null) {
        rewrite(namedReleases(), config, login, versions);
        return;
      }
      ReleaseSetRewrite result;
      try {
        result =
            Katafraktos.create()
                .rewrite(
                    set.releases(), renderOptions(), config, dryRun, pinDigests, login, versions)
                .relativeTo(set.releases().root());
      } catch (KatafraktosException e) {
        throw failure(e);
      }
      RewriteLog.print(getLog(), result, dryRun, this::relative);
      fail(RewriteLog.failureMessage(result, written()));
    }
  }

  /** The whole repository of {@code discover}, rewritten into one commit on {@code branch}. */
  private void commit(AuditConfig config, RegistryLogin login, List<String> versions)
      throws MojoExecutionException, MojoFailureException, ConfigurationError {
    CommittedRewrite committed;
    try {
      committed =
          Katafraktos.create()
              .rewriteAndCommit(
                  Releases.absolute(basedir.toPath(), discover),
                  ReleaseSets.trimmed(branch),
                  renderOptions(),
                  config,
                  pinDigests,
                  login,
                  versions);
    } catch (KatafraktosException e) {
      throw failure(e);
    }
    log(committed.notes());
    RewriteLog.print(getLog(), committed.rewrite(), false, this::relative);
    getLog().info(committed.summary());
    fail(
        RewriteLog.failureMessage(
            committed.rewrite(),
            committed.commitId() == null
                ? "Nothing was committed"
                : "The other edits were committed"));
  }

  /** The releases the POM names: each rewritten in its own values files. */
  private void rewrite(
      List<dev.katafraktos.api.Release> releases,
      AuditConfig config,
      RegistryLogin login,
      List<String> versions)
      throws MojoExecutionException, MojoFailureException, ConfigurationError {
    for (dev.katafraktos.api.Release release : releases) {
      if (release.render().valuesFiles().isEmpty()) {
        throw new ConfigurationError(
            "Release of "
                + release.displayName()
                + " has no <valuesFiles>; rewrite-values edits them, so name the values file(s)"
                + " to rewrite");
      }
    }
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
                            login)
                        .withKubeVersions(versions));
      } catch (KatafraktosException e) {
        throw failure(e);
      }
      RewriteLog.print(getLog(), result, dryRun, this::relative);
      unmovable.addAll(RewriteLog.unmovable(result));
    }
    if (!unmovable.isEmpty()) {
      fail(RewriteLog.unmovableMessage(unmovable) + " " + written() + ".");
    }
  }

  private String written() {
    return dryRun ? "Nothing was written (dry run)" : "The other edits were written";
  }

  private static void fail(String message) throws MojoFailureException {
    if (message != null) {
      throw new MojoFailureException(message);
    }
  }
}
