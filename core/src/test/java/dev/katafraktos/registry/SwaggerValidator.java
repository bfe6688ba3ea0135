package dev.katafraktos.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks JSON bodies against the schemas of a Swagger 2.0 spec: {@code $ref}, {@code type}, {@code
 * format} (int32, int64, date-time), {@code required}, {@code properties}, {@code
 * additionalProperties}, {@code items}, {@code enum}, {@code x-nullable}. Enough for Harbor's spec,
 * which uses no {@code allOf}; a keyword it cannot check is an error, never silently passed.
 *
 * <p>Closed world: an object schema with {@code properties} and no {@code additionalProperties}
 * rejects undeclared properties. JSON Schema would allow them, but Harbor serialises go-swagger
 * models generated from this spec, which have no other fields; an undeclared field in a canned body
 * is a typo ({@code registryId}) that would make a test pass against a body Harbor never sends.
 */
final class SwaggerValidator {
  private static final Set<String> UNSUPPORTED = Set.of("allOf", "anyOf", "oneOf", "not");

  private final JsonNode spec;

  private SwaggerValidator(JsonNode spec) {
    this.spec = spec;
  }

  static SwaggerValidator load(Path swaggerYaml) {
    try {
      return new SwaggerValidator(
          new ObjectMapper(new YAMLFactory()).readTree(swaggerYaml.toFile()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + swaggerYaml, e);
    }
  }

  /**
   * The problems of {@code value} against a schema named by reference, e.g. {@code
   * #/definitions/Project}.
   */
  List<String> validate(JsonNode value, String ref) {
    List<String> problems = new ArrayList<>();
    check(value, resolve(ref), "$", problems);
    return problems;
  }

  /**
   * The schema of the response an operation declares for a status, resolving {@code
   * #/responses/...}; null when that response has no body. Harbor's error handler answers any
   * failure with an {@code Errors} body, also where an operation does not declare the status
   * ({@code getProject} declares no 404), so an undeclared 4xx/5xx falls back to the spec's shared
   * {@code #/responses/<status>}.
   */
  JsonNode responseSchema(String pathTemplate, String method, int status) {
    JsonNode operation = spec.path("paths").path(pathTemplate).path(method.toLowerCase());
    if (operation.isMissingNode()) {
      throw new AssertionError("the spec has no operation " + method + " " + pathTemplate);
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode() && status >= 400) {
      response = spec.path("responses").path(Integer.toString(status));
    }
    if (response.isMissingNode()) {
      throw new AssertionError(
          "the spec declares no " + status + " for " + method + " " + pathTemplate);
    }
    if (response.has("$ref")) {
      response = resolve(response.get("$ref").asText());
    }
    return response.get("schema");
  }

  /** The problems of a response body; a response without a schema must have no body. */
  List<String> validateResponse(String pathTemplate, String method, int status, JsonNode body) {
    JsonNode schema = responseSchema(pathTemplate, method, status);
    List<String> problems = new ArrayList<>();
    if (schema == null) {
      if (body != null) {
        problems.add("$: " + method + " " + pathTemplate + " " + status + " declares no body");
      }
    } else {
      check(body, schema, "$", problems);
    }
    return problems;
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new AssertionError("only local references are supported: " + ref);
    }
    JsonNode node = spec;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part.replace("~1", "/").replace("~0", "~"));
    }
    if (node.isMissingNode()) {
      throw new AssertionError("dangling reference " + ref);
    }
    return node;
  }

  private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
    boolean nullable = schema.path("x-nullable").asBoolean(false);
    if (schema.has("$ref")) {
      schema = resolve(schema.get("$ref").asText());
      nullable |= schema.path("x-nullable").asBoolean(false);
    }
    for (String keyword : UNSUPPORTED) {
      if (schema.has(keyword)) {
        problems.add(at + ": the validator does not support " + keyword);
        return;
      }
    }
    if (value == null || value.isNull()) {
      if (!nullable) {
        problems.add(at + ": null where the spec allows no null (no x-nullable)");
      }
      return;
    }
    String type = schema.has("type") ? schema.get("type").asText() : inferType(schema);
    if (type != null && !hasType(value, type, schema.path("format").asText(""))) {
      problems.add(
          at + ": expected " + describe(schema) + ", got " + value.getNodeType() + " " + value);
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (value.isObject()) {
      checkObject(value, schema, at, problems);
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
      }
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String at, List<String> problems) {
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(at + ": missing required property " + required.asText());
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String where = at + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), where, problems);
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, where, problems);
      } else if (additional != null ? !additional.asBoolean() : properties.isObject()) {
        problems.add(where + ": property not declared by the spec");
      }
    }
  }

  private static String inferType(JsonNode schema) {
    return schema.has("properties") || schema.has("additionalProperties") ? "object" : null;
  }

  private static boolean hasType(JsonNode value, String type, String format) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "boolean" -> value.isBoolean();
      case "number" -> value.isNumber();
      case "integer" ->
          value.isIntegralNumber()
              && (format.equals("int32") ? value.canConvertToInt() : value.canConvertToLong());
      case "string" -> value.isTextual() && (!format.equals("date-time") || isDateTime(value));
      default -> throw new AssertionError("unknown type " + type);
    };
  }

  private static boolean isDateTime(JsonNode value) {
    try {
      OffsetDateTime.parse(value.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(JsonNode schema) {
    String type = schema.path("type").asText("object");
    return schema.has("format") ? type + " (" + schema.get("format").asText() + ")" : type;
  }
}
