package dev.katafraktos.maven;

import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.MirrorProgress;
import dev.katafraktos.api.MirrorRequest;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.RegistryLogin;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.ConfigException;
import dev.katafraktos.registry.CopyOutcome;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Renders the releases and copies every image a mapping sends to your registry that the target
 * lacks, from its source: manifests byte for byte (digests, index digests and signatures stay
 * valid), blobs mounted or streamed. A second run copies nothing. Fails the build when a mapped
 * image is left missing at its target. Then {@code rewrite-values} points the values at the copies.
 */
@Mojo(name = "mirror-images", requiresProject = false, threadSafe = true)
public class MirrorImagesMojo extends AbstractKatafraktosMojo {

  /**
   * Only plan: log the images, manifests and bytes to copy and the pulls it costs, copy nothing.
   * Reads no manifest from a registry that counts pulls (Docker Hub).
   */
  @Parameter(property = "katafraktos.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Images (and blobs) copied at a time. */
  @Parameter(property = "katafraktos.jobs", defaultValue = "4")
  int jobs;

  /**
   * Copy only these platforms of a multi-platform image, {@code os/arch[/variant]} each, e.g.
   * {@code linux/amd64}. The index at the target then has another digest than the source's;
   * digest-pinned images are always copied whole. Default: every platform.
   */
  @Parameter(property = "katafraktos.platforms")
  List<String> platforms;

  /**
   * Spend at most this many pulls at Docker Hub (every manifest GET is one); the goal refuses to
   * start when the plan needs more. Default: as many as Docker Hub says are left.
   */
  @Parameter(property = "katafraktos.maxPulls")
  Integer maxPulls;

  /**
   * For a target in a Harbor proxy-cache project (which refuses pushes), pull the image through it
   * so that Harbor caches it.
   */
  @Parameter(property = "katafraktos.warm", defaultValue = "false")
  boolean warm;

  /** Copy cosign signatures, attestations and OCI referrers along with each image. */
  @Parameter(property = "katafraktos.signatures", defaultValue = "true")
  boolean signatures;

  @Inject
  public MirrorImagesMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  String goal() {
    return "mirror-images";
  }

  @Override
  void run()
      throws MojoExecutionException, MojoFailureException, ConfigurationError, ConfigException {
    List<String> only = platforms == null ? List.of() : platforms;
    checkKnobs(jobs, maxPulls, only);
    AuditConfig config = config(null);
    if (config.mappings().isEmpty()) {
      throw new ConfigurationError(
          "No mapping configured; mirror-images copies each image to where its mapping sends it:"
              + " add <mappings><mapping>docker.io=HARBOR/PROJECT</mapping></mappings> (or"
              + " mappings: in katafraktos.yaml)");
    }
    RegistryLogin login = login(config);
    try (ReleaseSelection set = releaseSet()) {
      List<dev.katafraktos.api.Release> releases = releases(set);
      if (releases.isEmpty()) {
        getLog().info("No release to mirror");
        return;
      }
      getLog()
          .info(
              (dryRun ? "Planning the mirror of " : "Mirroring ")
                  + "the mapped images of "
                  + releases.size()
                  + (releases.size() == 1 ? " release" : " releases")
                  + (login == null ? "" : " as " + login.username() + " at " + login.registry())
                  + ", "
                  + jobs
                  + (jobs == 1 ? " job" : " jobs"));
      MirrorResult result;
      try {
        result =
            Katafraktos.create()
                .mirror(
                    new MirrorRequest(
                        releases, config, login, dryRun, jobs, only, maxPulls, warm, signatures),
                    progress());
      } catch (KatafraktosException e) {
        throw failure(e);
      }
      MirrorLog.print(getLog(), result, this::relative);
      String failure = MirrorLog.failureMessage(result);
      if (failure != null) {
        throw new MojoFailureException(failure);
      }
    }
  }

  /** The knobs core would reject with an exception, as one configuration line each. */
  static void checkKnobs(int jobs, Integer maxPulls, List<String> platforms)
      throws ConfigurationError {
    if (jobs < 1) {
      throw new ConfigurationError("<jobs> must be at least 1, not " + jobs);
    }
    if (maxPulls != null && maxPulls < 0) {
      throw new ConfigurationError("<maxPulls> must not be negative, not " + maxPulls);
    }
    for (String platform : platforms) {
      if (!MirrorRequest.isPlatform(platform)) {
        throw new ConfigurationError(
            "<platforms> takes os/arch[/variant] each, e.g. linux/amd64, not '" + platform + "'");
      }
    }
  }

  /** One line per image as it ends, so that a long copy shows it is moving. */
  private MirrorProgress progress() {
    if (dryRun) {
      return MirrorProgress.NONE;
    }
    return new MirrorProgress() {
      @Override
      public synchronized void copied(CopyOutcome outcome, int done, int total) {
        if (outcome.state() != CopyOutcome.State.PRESENT) {
          getLog()
              .info(
                  "["
                      + done
                      + "/"
                      + total
                      + "] "
                      + outcome.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                      + " "
                      + outcome.source()
                      + " -> "
                      + outcome.target());
        }
      }
    };
  }
}
