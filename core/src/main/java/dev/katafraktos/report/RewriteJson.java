package dev.katafraktos.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.api.ReleaseSetRewrite;
import dev.katafraktos.api.RewriteResult;

/** The JSON form of a {@link RewriteResult}, as documented in the README. */
public final class RewriteJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RewriteJson() {}

  public static String write(RewriteResult result, boolean dryRun) {
    return text(tree(result, dryRun));
  }

  /**
   * A release set's rewrite: {@code {"dryRun", "releases": [{"release", "declaredIn", "kind",
   * "error", "result": <as for one chart>}]}}.
   */
  public static String write(ReleaseSetRewrite rewrite, boolean dryRun) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dryRun", dryRun);
    ArrayNode releases = root.putArray("releases");
    for (ReleaseSetRewrite.Entry e : rewrite.releases()) {
      ObjectNode o = releases.addObject();
      o.put("release", e.release());
      o.put(
          "declaredIn",
          e.declared() == null ? null : AuditReport.slashes(e.declared().origin().file()));
      o.put("kind", e.declared() == null ? null : e.declared().origin().kind().id());
      o.put("error", e.error());
      if (e.result() == null) {
        o.putNull("result");
      } else {
        o.set("result", tree(e.result(), dryRun));
      }
    }
    return text(root);
  }

  private static String text(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode tree(RewriteResult result, boolean dryRun) {
    ObjectNode root = JSON.createObjectNode();
    root.put("chart", result.chart());
    root.put("dryRun", dryRun);
    ArrayNode files = root.putArray("files");
    for (RewriteResult.FileChange file : result.files()) {
      ObjectNode f = files.addObject();
      f.put("path", file.path().toString());
      f.put("changed", file.changed());
      ArrayNode edits = f.putArray("edits");
      file.edits().forEach(edits::add);
    }
    ArrayNode moved = root.putArray("moved");
    for (RewriteResult.MovedImage image : result.moved()) {
      ObjectNode m = moved.addObject();
      m.put("image", image.image());
      m.put("target", image.target());
      ArrayNode values = m.putArray("values");
      for (RewriteResult.ValueSetting setting : image.values()) {
        values
            .addObject()
            .put("file", setting.file() == null ? null : setting.file().toString())
            .put("path", setting.path())
            .put("value", setting.value());
      }
    }
    ArrayNode also = root.putArray("alsoChanges");
    for (RewriteResult.AlsoChange change : result.alsoChanges()) {
      ObjectNode a = also.addObject();
      a.put("kind", change.kind())
          .put("name", change.name())
          .put("source", change.source())
          .put("path", change.path());
      ArrayNode values = a.putArray("values");
      change.values().forEach(values::add);
      a.put("reason", change.reason());
    }
    ArrayNode notControllable = root.putArray("notControllable");
    for (RewriteResult.UnmovableImage image : result.notControllable()) {
      notControllable
          .addObject()
          .put("image", image.image())
          .put("kind", image.kind())
          .put("name", image.name())
          .put("source", image.source())
          .put("line", image.line())
          .put("reason", image.reason());
    }
    ArrayNode inPlace = root.putArray("alreadyInPlace");
    result.alreadyInPlace().forEach(i -> inPlace.addObject().put("image", i));
    ArrayNode unmapped = root.putArray("unmapped");
    result.unmapped().forEach(i -> unmapped.addObject().put("image", i));
    ArrayNode unresolved = root.putArray("unresolved");
    for (RewriteResult.UnresolvedName name : result.unresolved()) {
      unresolved
          .addObject()
          .put("value", name.value())
          .put("kind", name.kind())
          .put("name", name.name())
          .put("source", name.source())
          .put("path", name.path())
          .put("reason", name.reason());
    }
    root.put("renders", result.renders());
    root.put("insecureImagesAllowed", result.insecureImagesAllowed());
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    if (!result.kubeVersions().isEmpty()) {
      // only a rewrite on several versions has this member: one version's JSON stays as it was
      ArrayNode versions = root.putArray("kubeVersions");
      for (RewriteResult.VersionCheck v : result.kubeVersions()) {
        versions
            .addObject()
            .put("kubeVersion", v.kubeVersion())
            .put("verificationRenders", v.verificationRenders());
      }
    }
    return root;
  }
}
