package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.api.KubeVersions;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.ImageCheck;
import dev.katafraktos.model.ImageRef;
import dev.katafraktos.model.RateLimit;
import dev.katafraktos.model.Release;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.util.List;
import java.util.Locale;

/** The JSON form of an {@link AuditReport}, as documented in docs/audit-json.md. */
public final class AuditJson {
  /** Raised when the shape changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditJson() {}

  public static String write(AuditReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    summary(root.putObject("summary"), report.summary());
    ObjectNode hub = root.putObject("dockerHub");
    hub.put("pulls", report.dockerHub().pulls());
    report.dockerHub().images().forEach(hub.putArray("images")::add);
    rateLimit(hub, "rateLimit", report.dockerHub().rateLimit());
    ArrayNode charts = root.putArray("charts");
    for (String chart : report.charts()) {
      ObjectNode c = charts.addObject();
      c.put("chart", chart);
      release(c, report.release(chart));
      ArrayNode images = c.putArray("images");
      report.subjects().stream()
          .filter(s -> s.chart().equals(chart))
          .forEach(s -> subject(images.addObject(), s));
    }
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> finding(findings.addObject(), f, report));
    ArrayNode failures = root.putArray("renderFailures");
    for (RenderFailure f : report.failures()) {
      ObjectNode o = failures.addObject();
      o.put("chart", f.release());
      release(o, f.declared());
      o.put("message", redact(f.message()));
    }
    ArrayNode byImage = root.putArray("byImage");
    for (AuditReport.ImageGroup g : report.byImage()) {
      ObjectNode o = byImage.addObject();
      o.put("image", g.image());
      o.put("severity", g.severity().name().toLowerCase(Locale.ROOT));
      g.rules().forEach(o.putArray("rules")::add);
      g.releases().forEach(o.putArray("releases")::add);
      g.environments().forEach(o.putArray("environments")::add);
    }
    kubeVersions(root, report.kubeVersions());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void summary(ObjectNode o, AuditReport.Summary s) {
    o.put("charts", s.charts());
    o.put("images", s.images());
    o.put("checked", s.checked());
    o.put("errors", s.errors());
    o.put("warnings", s.warnings());
    o.put("infos", s.infos());
    ObjectNode byRule = o.putObject("byRule");
    new java.util.TreeMap<>(s.byRule()).forEach(byRule::put);
  }

  private static void subject(ObjectNode o, AuditSubject s) {
    o.put("image", s.image());
    o.put("reference", str(s.reference()));
    o.put("target", str(s.target()));
    check(o, "check", s.check());
    check(o, "targetCheck", s.targetCheck());
    o.put("harborRefusal", redact(s.harborRefusal()));
    ArrayNode occurrences = o.putArray("occurrences");
    s.occurrences().forEach(x -> InventoryJson.occurrence(occurrences.addObject(), x));
  }

  private static void check(ObjectNode parent, String field, ImageCheck check) {
    if (check == null) {
      parent.putNull(field);
      return;
    }
    ObjectNode o = parent.putObject(field);
    o.put("reference", check.reference().toString());
    o.put("availability", check.availability().name().toLowerCase(Locale.ROOT));
    o.put("digest", check.digest());
    o.put("mediaType", check.mediaType());
    check.platforms().forEach(o.putArray("platforms")::add);
    o.put("message", redact(check.message()));
    rateLimit(o, "rateLimit", check.rateLimit());
  }

  private static void rateLimit(ObjectNode parent, String field, RateLimit limit) {
    if (limit == null) {
      parent.putNull(field);
      return;
    }
    ObjectNode o = parent.putObject(field);
    o.put("limit", limit.limit());
    o.put("remaining", limit.remaining());
    o.put("windowSeconds", limit.windowSeconds());
  }

  /** The declared release, {@code null} for a chart named directly. */
  private static void release(ObjectNode parent, Release r) {
    if (r == null) {
      parent.putNull("release");
      return;
    }
    ObjectNode o = parent.putObject("release");
    o.put("name", r.name());
    o.put("namespace", r.namespace());
    o.put("environment", r.environment());
    o.put("chart", AuditReport.slashes(r.chart()));
    r.valuesFiles().forEach(f -> o.withArray("valuesFiles").add(AuditReport.slashes(f)));
    o.put("declaredIn", AuditReport.slashes(r.origin().file()));
    o.put("kind", r.origin().kind().id());
  }

  private static void finding(ObjectNode o, Finding f, AuditReport report) {
    o.put("ruleId", f.ruleId());
    o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
    o.put("chart", f.chart());
    Release r = report.release(f.chart());
    o.put("declaredIn", r == null ? null : AuditReport.slashes(r.origin().file()));
    o.put("image", f.image());
    o.put("message", redact(f.message()));
    if (f.where() == null) {
      o.putNull("location");
    } else {
      InventoryJson.occurrence(o.putObject("location"), f.where());
    }
    if (f.object() != null) {
      ObjectNode object = o.putObject("object");
      object.put("apiVersion", f.object().apiVersion());
      object.put("kind", f.object().kind());
      object.put("name", f.object().name());
      object.put("namespace", f.object().namespace());
      object.put("source", f.object().source());
      o.put("kubeVersion", f.kubeVersion());
    }
  }

  /** Per release audited for several Kubernetes versions: images by version, and what differs. */
  static void kubeVersions(ObjectNode root, List<KubeVersions.Differences> differences) {
    if (differences.isEmpty()) {
      return;
    }
    ArrayNode releases = root.putArray("kubeVersions");
    for (KubeVersions.Differences d : differences) {
      ObjectNode o = releases.addObject();
      o.put("release", d.release());
      ObjectNode byVersion = o.putObject("imagesByVersion");
      d.imagesByVersion().forEach((v, images) -> images.forEach(byVersion.putArray(v)::add));
      d.differing().forEach(o.putArray("differing")::add);
    }
  }

  private static String str(ImageRef ref) {
    return ref == null ? null : ref.toString();
  }
}
