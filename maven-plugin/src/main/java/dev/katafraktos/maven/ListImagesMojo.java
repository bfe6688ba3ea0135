package dev.katafraktos.maven;

import dev.katafraktos.api.Inventory;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.KatafraktosException;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.ListRequest;
import dev.katafraktos.api.ReleaseSelection;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.frontend.Messages;
import dev.katafraktos.report.InventoryJson;
import dev.katafraktos.report.InventoryTable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the container images the releases would deploy, and where each is used; also writes them as
 * JSON ({@code katafraktos-images.json}, the shape of {@code katafraktos list --output json}).
 */
@Mojo(name = "list-images", requiresProject = false, threadSafe = true)
public class ListImagesMojo extends AbstractKatafraktosMojo {

  /** Where {@code katafraktos-images.json} is written. */
  @Parameter(
      property = "katafraktos.reportDirectory",
      defaultValue = "${project.build.directory}/katafraktos")
  File reportDirectory;

  @Inject
  public ListImagesMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  String goal() {
    return "list-images";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException, ConfigurationError {
    Inventory inventory;
    try (ReleaseSelection set = releaseSet()) {
      inventory = Katafraktos.create().list(ListRequest.ofReleases(releases(set)));
    } catch (KatafraktosException e) {
      throw failure(e);
    }
    InventoryTable.write(inventory).lines().forEach(getLog()::info);
    KubeVersions.describe(KubeVersions.differences(inventory)).lines().forEach(getLog()::info);
    Path json = reportDirectory.toPath().resolve("katafraktos-images.json");
    try {
      Files.createDirectories(json.getParent());
      Files.writeString(json, InventoryJson.write(inventory) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + json + ": " + Messages.firstLine(e), e);
    }
    getLog().info("Images in " + label(json));
    List<String> failed = new ArrayList<>();
    for (RenderFailure f : inventory.failures()) {
      String name = AuditLog.named(f);
      getLog().error(name + ": " + AuditLog.redacted("render-failed", relative(f.message())));
      failed.add(name);
    }
    if (!failed.isEmpty()) {
      throw new MojoFailureException(
          failed.size()
              + (failed.size() == 1 ? " release" : " releases")
              + " could not be rendered, so the list lacks their images: "
              + String.join(", ", failed)
              + ". Fix their charts or values (helm's reason is logged above), or remove their"
              + " declarations.");
    }
  }
}
