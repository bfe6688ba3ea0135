package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Origin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images in configuration that a ConfigMap or Secret carries to a program: Jenkins' JCasC agent
 * templates, GitLab runner's {@code helper_image = "..."} in TOML, and the like.
 *
 * <p>A value that parses as a YAML (or JSON) mapping or sequence is searched for image keys like a
 * custom resource, at {@code /data/<key>#/<pointer>}; multi-line strings inside it (a template
 * carried in a YAML config, as Istio's sidecar injector has it) are read as text in turn, at {@code
 * /data/<key>#/<pointer>#...}. Any other text is read line by line for {@code ...image: X} or
 * {@code ...image = X}, at {@code /data/<key>#L<line>}. So is a Go template ({@code {{ if }}} lines
 * among YAML lines): the template, not YAML, decides its structure, and where it happens to parse
 * as YAML that structure would be made up.
 */
final class ConfigDataScanner {

  /** The fields this scanner owns; the generic image-key search leaves them alone. */
  static final List<String> FIELDS = List.of("data", "stringData", "binaryData");

  // key (bare or quoted, optionally a list item) ending in image/Image, then ':' or '=', then X
  private static final Pattern LINE =
      Pattern.compile(
          "^\\s*(?:-\\s+)?([\"']?)[A-Za-z0-9_.\\-]*(?:image|Image)\\1\\s*[:=]\\s*(\\S.*?)\\s*$");

  // a Go template action alone on its line ({{- if .Values.x }}, {{ end }}): the text holds a
  // template
  private static final Pattern TEMPLATE_LINE = Pattern.compile("(?m)^\\s*\\{\\{.*\\}\\}\\s*$");

  // texts inside texts (a template in a YAML config in a Secret) nest shallowly; cap the recursion
  private static final int MAX_NESTING = 3;

  private ConfigDataScanner() {}

  /** Whether {@code kind} is one whose data this scanner reads. */
  static boolean carriesData(String kind) {
    return "ConfigMap".equals(kind) || "Secret".equals(kind);
  }

  static void scan(
      Node.Mapping object, String objectPath, DocumentInfo info, Consumer<ImageOccurrence> out) {
    if ("ConfigMap".equals(info.kind())) {
      // binaryData is binary by definition
      scanTexts(object.mapping("data"), objectPath + "/data", false, info, out);
    } else if ("Secret".equals(info.kind())) {
      scanTexts(object.mapping("stringData"), objectPath + "/stringData", false, info, out);
      scanTexts(object.mapping("data"), objectPath + "/data", true, info, out);
    }
  }

  private static void scanTexts(
      Node.Mapping data,
      String dataPath,
      boolean base64,
      DocumentInfo info,
      Consumer<ImageOccurrence> out) {
    if (data == null) {
      return;
    }
    for (Map.Entry<String, Node> entry : data.entries().entrySet()) {
      if (entry.getValue() instanceof Node.Scalar scalar
          && scalar.type() != Node.Scalar.Type.NULL) {
        String text = base64 ? SecretData.decode(scalar.text()) : scalar.text();
        if (text != null) {
          String prefix = Pointers.child(dataPath, entry.getKey()) + "#";
          if (!scanSingleValue(entry.getKey(), text, prefix, info, out)) {
            scanText(text, prefix, info, out, 1);
          }
        }
      }
    }
  }

  /**
   * A data value that is one reference and nothing else, as Rook's image-set ConfigMap ({@code
   * plugin: quay.io/cephcsi/cephcsi:v3.17.0}) or CloudNativePG's {@code POSTGRES_IMAGE_NAME}: like
   * an environment value, it needs a key that says image, or a namespace, registry or digest.
   *
   * @return whether the value was one word (then there is nothing else to read in it)
   */
  private static boolean scanSingleValue(
      String key, String text, String prefix, DocumentInfo info, Consumer<ImageOccurrence> out) {
    String value = text.strip();
    if (value.isEmpty()
        || value.startsWith("{")
        || value.startsWith("[")
        || value.chars().anyMatch(Character::isWhitespace)) {
      return false; // JSON without spaces is one word too, and holds keys to read
    }
    boolean image =
        ImageRules.isImageName(key)
            ? ImageRules.isNamedReference(key, value)
            : ImageRules.isStrictReference(value) && ImageRules.hasOwnEvidence(value);
    if (image) {
      out.accept(info.field(new ImageFields.Found(value, value, "L1"), prefix, Origin.CONFIG));
    }
    return true;
  }

  private static void scanText(
      String text, String prefix, DocumentInfo info, Consumer<ImageOccurrence> out, int depth) {
    if (!text.contains("image") && !text.contains("Image")) {
      return; // both ways below need a key ending in image/Image; spares parsing big dashboards
    }
    Node tree = structured(text);
    if (tree != null && templateLines(text) > nestedTemplateLines(tree)) {
      tree = null; // template actions among the YAML lines: a template, whatever it parses as
    }
    if (tree != null) {
      ImageFields.scan(
          tree, "", Set.of(), found -> out.accept(info.field(found, prefix, Origin.CONFIG)));
      if (depth < MAX_NESTING) {
        scanNestedTexts(tree, "", prefix, info, out, depth);
      }
      return;
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINE.matcher(lines.get(i));
      if (m.matches() && m.group(2).contains("{{")) {
        String template = unquoteAll(m.group(2));
        out.accept(
            info.field(
                new ImageFields.Found(null, template, "L" + (i + 1), ImageOccurrence.TEMPLATE),
                prefix,
                Origin.CONFIG));
      } else if (m.matches()) {
        String value = unquote(m.group(2));
        if (ImageRules.isPlainTextReference(value)) {
          out.accept(
              info.field(
                  new ImageFields.Found(value, value, "L" + (i + 1)), prefix, Origin.CONFIG));
        }
      }
    }
  }

  /** Reads the multi-line strings below {@code node} (at {@code path}) as texts of their own. */
  private static void scanNestedTexts(
      Node node,
      String path,
      String prefix,
      DocumentInfo info,
      Consumer<ImageOccurrence> out,
      int depth) {
    if (node instanceof Node.Mapping mapping) {
      mapping
          .entries()
          .forEach(
              (key, value) ->
                  scanNestedTexts(value, Pointers.child(path, key), prefix, info, out, depth));
    } else if (node instanceof Node.Sequence sequence) {
      for (int i = 0; i < sequence.items().size(); i++) {
        scanNestedTexts(sequence.items().get(i), Pointers.child(path, i), prefix, info, out, depth);
      }
    } else if (node instanceof Node.Scalar scalar
        && scalar.isString()
        && scalar.text().indexOf('\n') >= 0) {
      scanText(scalar.text(), prefix + path + "#", info, out, depth + 1);
    }
  }

  private static long templateLines(String text) {
    return TEMPLATE_LINE.matcher(text).results().count();
  }

  /**
   * The template action lines inside the strings of {@code node}: those belong to a nested text.
   */
  private static long nestedTemplateLines(Node node) {
    if (node instanceof Node.Mapping mapping) {
      return mapping.entries().values().stream()
          .mapToLong(ConfigDataScanner::nestedTemplateLines)
          .sum();
    }
    if (node instanceof Node.Sequence sequence) {
      return sequence.items().stream().mapToLong(ConfigDataScanner::nestedTemplateLines).sum();
    }
    return node instanceof Node.Scalar scalar && scalar.isString()
        ? templateLines(scalar.text())
        : 0;
  }

  /** The text as one YAML mapping or sequence, or {@code null} for anything else. */
  private static Node structured(String text) {
    try {
      List<Node> documents = YamlReader.readAll(text);
      return documents.size() == 1
              && (documents.get(0) instanceof Node.Mapping
                  || documents.get(0) instanceof Node.Sequence)
          ? documents.get(0)
          : null;
    } catch (YamlSyntaxException e) {
      // most config is no YAML at all (TOML, INI, scripts): read it as lines
      return null;
    }
  }

  /** {@code "x"} or {@code 'x'} → x; an unquoted value ends at a comment or a trailing comma. */
  private static String unquote(String value) {
    char first = value.charAt(0);
    if (first == '"' || first == '\'') {
      int end = value.indexOf(first, 1);
      return end > 0 ? value.substring(1, end) : value.substring(1);
    }
    String bare = value.split("\\s+#|\\s", 2)[0];
    return bare.endsWith(",") || bare.endsWith(";") ? bare.substring(0, bare.length() - 1) : bare;
  }

  /** {@code "x y"} → x y: the whole value, which for a template holds spaces. */
  private static String unquoteAll(String value) {
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    return value.length() > 1 && (first == '"' || first == '\'') && last == first
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
