package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Release;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.policy.Rule;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The SARIF 2.1.0 form of an {@link AuditReport}: one result per finding, its ruleId a {@link
 * Rule#id()}, located at the template (the occurrence's {@code source}, e.g. {@code
 * app/templates/deployment.yaml}) that produced the image. The template path is relative to the
 * directory that holds the chart, as helm prints it.
 */
public final class AuditSarif {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditSarif() {}

  public static String write(AuditReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Katafraktos");
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : Rule.values()) {
      ObjectNode r = rules.addObject();
      r.put("id", rule.id());
      r.putObject("shortDescription").put("text", rule.shortDescription());
      r.putObject("fullDescription").put("text", rule.fullDescription());
      r.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
    }
    ArrayNode results = run.putArray("results");
    report.findings().forEach(f -> result(results.addObject(), f, report.release(f.chart())));
    for (RenderFailure failure : report.failures()) {
      ObjectNode r = results.addObject();
      r.put("ruleId", "render-failed");
      r.put("level", "error");
      r.putObject("message").put("text", redact(failure.message()));
      if (failure.declared() != null) {
        r.putArray("locations")
            .addObject()
            .putObject("physicalLocation")
            .putObject("artifactLocation")
            .put("uri", uri(AuditReport.slashes(failure.declared().origin().file())));
      }
      r.putObject("properties").put("chart", failure.release());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void result(ObjectNode r, Finding f, Release declared) {
    r.put("ruleId", f.ruleId());
    Rule.byId(f.ruleId()).ifPresent(rule -> r.put("ruleIndex", rule.ordinal()));
    r.put("level", level(f.severity()));
    r.putObject("message").put("text", redact(f.message()));
    ImageOccurrence where = f.where();
    String chart = declared == null ? f.chart() : AuditReport.slashes(declared.chart());
    if (f.object() != null && f.object().source() != null) {
      String object = f.object().kind() + "/" + f.object().name();
      location(r, chart, f.object().source(), object, f.object().apiVersion() + " " + object);
    } else if (where != null && where.source() != null) {
      location(
          r, chart, where.source(), where.path(), where.kind() + "/" + where.name() + where.path());
    }
    ObjectNode properties = r.putObject("properties");
    properties.put("chart", f.chart());
    if (f.object() != null) {
      properties.put("apiVersion", f.object().apiVersion());
      properties.put("kind", f.object().kind());
      properties.put("kubeVersion", f.kubeVersion());
    } else {
      properties.put("image", f.image());
    }
    if (declared != null) {
      properties.put("release", declared.name());
      properties.put("namespace", declared.namespace());
      properties.put("environment", declared.environment());
      properties.put("declaredIn", AuditReport.slashes(declared.origin().file()));
    }
  }

  /** The result's one location: the template in the chart, and the place in what it renders. */
  private static void location(
      ObjectNode r, String chart, String source, String name, String fullyQualifiedName) {
    ObjectNode location = r.putArray("locations").addObject();
    location
        .putObject("physicalLocation")
        .putObject("artifactLocation")
        .put("uri", uri(file(chart, source)));
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", name);
    logical.put("fullyQualifiedName", fullyQualifiedName);
    logical.put("kind", "resource");
  }

  /**
   * The file a template comes from, as a path a code-scanning tool can open: helm's {@code #
   * Source:} starts with the chart's name ({@code app/templates/x.yaml}, {@code
   * app/charts/sub/templates/y.yaml}), which stands for the chart directory as the user gave it. A
   * packaged chart has no such file, so its template path stays as helm printed it.
   */
  static String file(String chart, String source) {
    int slash = source.indexOf('/');
    if (chart == null || chart.endsWith(".tgz") || slash < 0) {
      return source;
    }
    String dir = chart.endsWith("/") ? chart.substring(0, chart.length() - 1) : chart;
    return dir + "/" + source.substring(slash + 1);
  }

  // a template path as a relative URI reference: segments percent-encoded where needed
  static String uri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path.replace(" ", "%20");
    }
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
      case OFF -> "none";
    };
  }
}
