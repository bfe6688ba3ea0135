package dev.katafraktos.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the container images the configured charts would deploy. A skeleton: the goals and their
 * parameters arrive with the Maven plugin work.
 */
@Mojo(name = "list-images", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ListImagesMojo extends AbstractMojo {

  /** Skips the goal. */
  @Parameter(property = "katafraktos.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() {
    if (skip) {
      getLog().info("Skipping katafraktos:list-images (katafraktos.skip=true)");
      return;
    }
    getLog().info("katafraktos:list-images is not implemented yet; use the katafraktos CLI");
  }
}
