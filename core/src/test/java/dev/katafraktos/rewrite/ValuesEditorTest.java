package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ValuePath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuesEditorTest {
  private static final Path FILE = Path.of("values.yaml");

  private static String set(String text, String path, String value) throws Exception {
    return ValuesEditor.parse(FILE, text).set(ValuePath.parse(path), value).text();
  }

  @Test
  void replacesScalars_keepingQuotingStyleAndComments() throws Exception {
    String text =
        "# top comment\n"
            + "image:\n"
            + "  registry: docker.io   # where from\n"
            + "  repository: 'bitnami/nginx'\n"
            + "\n"
            + "  tag: \"1.25\"\n";
    String edited = set(text, "image.registry", "harbor.corp");
    edited =
        ValuesEditor.parse(FILE, edited)
            .set(ValuePath.parse("image.repository"), "lib/it's")
            .text();
    edited = ValuesEditor.parse(FILE, edited).set(ValuePath.parse("image.tag"), "1.26").text();

    assertThat(edited)
        .isEqualTo(
            "# top comment\n"
                + "image:\n"
                + "  registry: harbor.corp   # where from\n"
                + "  repository: 'lib/it''s'\n"
                + "\n"
                + "  tag: \"1.26\"\n");
  }

  @Test
  void crlfFile_staysCrlf_includingInsertedLines() throws Exception {
    assertThat(
            set("image:\r\n  repository: nginx\r\nother: 1\r\n", "image.registry", "harbor.corp"))
        .isEqualTo("image:\r\n  repository: nginx\r\n  registry: harbor.corp\r\nother: 1\r\n");
  }

  @Test
  void bomAndMissingFinalNewline_survive() throws Exception {
    assertThat(set("\uFEFFimage:\n  tag: v1", "image.tag", "v2"))
        .isEqualTo("\uFEFFimage:\n  tag: v2");
    assertThat(set("image:\n  tag: v1", "image.registry", "h"))
        .isEqualTo("image:\n  tag: v1\n  registry: h");
  }

  @Test
  void insertsIntoExistingMapping_withTheFilesIndentation() throws Exception {
    assertThat(
            set("image:\n  repository: nginx\n  tag: 1.0.0\nreplicas: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  repository: nginx\n  tag: 1.0.0\n  registry: h\nreplicas: 1\n");
    assertThat(
            set(
                "image:\n    repository: nginx # c\n# trailing\nreplicas: 1\n",
                "image.registry",
                "h"))
        .isEqualTo("image:\n    repository: nginx # c\n    registry: h\n# trailing\nreplicas: 1\n");
  }

  @Test
  void insertsWholeMissingMappings() throws Exception {
    assertThat(set("replicas: 1\nservice:\n    port: 80\n", "image.registry", "h"))
        .isEqualTo("replicas: 1\nservice:\n    port: 80\nimage:\n    registry: h\n");
    assertThat(set("server:\n  port: 80\n", "server.sidecar.image.registry", "h"))
        .isEqualTo("server:\n  port: 80\n  sidecar:\n    image:\n      registry: h\n");
    assertThat(set("image: {}\nx: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  registry: h\nx: 1\n");
    assertThat(set("image:\nx: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  registry: h\nx: 1\n");
  }

  @Test
  void numericLookingTag_isWrittenQuoted_andExistingOnesReported() throws Exception {
    ValuesEditor editor = ValuesEditor.parse(FILE, "image:\n  repository: nginx\n  tag: 1.10\n");
    assertThat(editor.warnings())
        .singleElement()
        .asString()
        .startsWith("values.yaml:3: image.tag is 1.10 without quotes")
        .contains("number (1.1)");

    ValuesEditor quoted = editor.set(ValuePath.parse("image.tag"), "1.10");
    assertThat(quoted.text()).isEqualTo("image:\n  repository: nginx\n  tag: \"1.10\"\n");
    assertThat(quoted.warnings()).as("the tag is quoted now").isEmpty();
    assertThat(set("image:\n  tag: v1\n", "image.tag", "1.20"))
        .isEqualTo("image:\n  tag: \"1.20\"\n");
  }

  @Test
  void sameSetTwice_changesNothingTheSecondTime() throws Exception {
    String once = set("image:\n  tag: 1.10\n", "image.registry", "h");
    once = ValuesEditor.parse(FILE, once).set(ValuePath.parse("image.tag"), "1.10").text();
    ValuesEditor again =
        ValuesEditor.parse(FILE, once)
            .set(ValuePath.parse("image.registry"), "h")
            .set(ValuePath.parse("image.tag"), "1.10");

    assertThat(again.changed()).isFalse();
    assertThat(again.text()).isEqualTo(once);
  }

  @Test
  void aliasIsReplacedLocally_anchorWithUsersIsRefused() throws Exception {
    String text = "appTag: &appTag v1\nimage:\n  tag: *appTag\nsidecar:\n  tag: *appTag\n";
    ValuesEditor edited = ValuesEditor.parse(FILE, text).set(ValuePath.parse("image.tag"), "v2");

    assertThat(edited.text())
        .isEqualTo("appTag: &appTag v1\nimage:\n  tag: v2\nsidecar:\n  tag: *appTag\n");
    assertThat(edited.warnings())
        .singleElement()
        .asString()
        .contains("alias *appTag (defined at line 1)");
    assertThatThrownBy(() -> set(text, "appTag", "v3"))
        .isInstanceOf(EditException.class)
        .hasMessageContaining("&appTag")
        .hasMessageContaining("values.yaml:1")
        .hasMessageContaining("[3, 5]");
    assertThat(set("a: &x v1\n", "a", "v2")).isEqualTo("a: &x v2\n");
  }

  @Test
  void pathThroughAnAliasedMapping_isRefused() {
    String text = "base: &base\n  registry: docker.io\nimage: *base\n";
    assertThatThrownBy(() -> set(text, "image.registry", "h"))
        .isInstanceOf(EditException.class)
        .hasMessageContaining("image at values.yaml:3 is the alias *base");
    assertThatThrownBy(() -> set(text, "base.registry", "h")).hasMessageContaining("&base");
  }

  @Test
  void malformedYaml_isRefusedWithLineAndColumn() {
    assertThatThrownBy(() -> ValuesEditor.parse(FILE, "image:\n  tag: v1\n   bad: [\n"))
        .isInstanceOf(ValuesSyntaxException.class)
        .hasMessageMatching("values\\.yaml:\\d+:\\d+: .*");
  }

  @Test
  void emptyFileAndStartMarker() throws Exception {
    assertThat(set("", "image.registry", "h")).isEqualTo("image:\n  registry: h\n");
    assertThat(set("# only a comment\n", "a", "b")).isEqualTo("# only a comment\na: b\n");
    assertThat(set("---\n", "a", "b")).isEqualTo("---\na: b\n");
    assertThat(set("---\nimage:\n  tag: v1\n", "image.tag", "v2"))
        .isEqualTo("---\nimage:\n  tag: v2\n");
  }

  @Test
  void changes_sayWhichLineAndValue_withLinesOfTheFinalText() throws Exception {
    ValuesEditor editor =
        ValuesEditor.parse(FILE, "image:\n  tag: v1\n  repository: nginx\nx: &x v\ny: *x\n")
            .set(ValuePath.parse("image.repository"), "lib/nginx")
            .set(ValuePath.parse("image.registry"), "h")
            .set(ValuePath.parse("side.tag"), "v0")
            .set(ValuePath.parse("image.tag"), "v2")
            .set(ValuePath.parse("image.tag"), "v3")
            .set(ValuePath.parse("y"), "w")
            .set(ValuePath.parse("x"), "v"); // unchanged: not a change

    assertThat(editor.changes())
        .containsExactly(
            new ValuesEditor.Change(ValuePath.parse("image.repository"), 3, "nginx", "lib/nginx"),
            new ValuesEditor.Change(ValuePath.parse("image.registry"), 4, null, "h"),
            new ValuesEditor.Change(ValuePath.parse("side.tag"), 8, null, "v0"),
            new ValuesEditor.Change(ValuePath.parse("image.tag"), 2, "v1", "v3"),
            new ValuesEditor.Change(ValuePath.parse("y"), 6, "v", "w"));
    assertThat(ValuesEditor.parse(FILE, "a: 1\n").changes()).isEmpty();
  }

  @Test
  void open_missingFileStartsEmpty_thenTheWrittenFileIsEdited(@TempDir Path dir) throws Exception {
    Path overrides = dir.resolve("overrides.yaml");
    ValuesEditor created = ValuesEditor.open(overrides).set(ValuePath.parse("image.registry"), "h");
    assertThat(created.text()).isEqualTo("image:\n  registry: h\n");
    assertThat(created.changed()).isTrue();
    AtomicFiles.write(overrides, created.text());

    ValuesEditor edited = ValuesEditor.open(overrides).set(ValuePath.parse("image.tag"), "v1");
    assertThat(edited.text()).isEqualTo("image:\n  registry: h\n  tag: v1\n");
    assertThat(ValuesEditor.open(overrides).changed()).isFalse();
  }

  @Test
  void open_nonUtf8File_isRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("values.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> ValuesEditor.open(file))
        .isInstanceOf(ValuesSyntaxException.class)
        .hasMessage(file + ": not UTF-8 text; file left unchanged");
  }

  @Test
  void keysWithDots_viaEscapedPath() throws Exception {
    assertThat(ValuePath.parse("podAnnotations.prometheus\\.io/scrape").keys())
        .containsExactly("podAnnotations", "prometheus.io/scrape");
    assertThat(ValuePath.parse("a.b\\.c").toString()).isEqualTo("a.b\\.c");
    assertThat(
            set(
                "podAnnotations:\n  prometheus.io/scrape: \"false\"\n",
                "podAnnotations.prometheus\\.io/scrape",
                "true"))
        .isEqualTo("podAnnotations:\n  prometheus.io/scrape: \"true\"\n");
    assertThat(set("podAnnotations:\n  a: b\n", "podAnnotations.prometheus\\.io/port", "80"))
        .isEqualTo("podAnnotations:\n  a: b\n  prometheus.io/port: \"80\"\n");
  }

  @Test
  void plainValueThatNeedsQuotes_isQuoted_andNonAsciiOffsetsWork() throws Exception {
    assertThat(set("# Grüße 😀\nimage:\n  tag: v1 # 😀\n", "image.tag", "yes"))
        .isEqualTo("# Grüße 😀\nimage:\n  tag: \"yes\" # 😀\n");
    assertThat(set("a: x\n", "a", "b: c")).isEqualTo("a: \"b: c\"\n");
  }

  @Test
  void flowMapping_scalarReplaced_restOfLineKept() throws Exception {
    String text = "image: {repository: nginx, tag: \"1.0\"} # pinned\nx: 1\n";
    assertThat(set(text, "image.repository", "harbor.corp/lib/nginx"))
        .isEqualTo("image: {repository: harbor.corp/lib/nginx, tag: \"1.0\"} # pinned\nx: 1\n");
    assertThat(set(text, "image.tag", "1.1"))
        .isEqualTo("image: {repository: nginx, tag: \"1.1\"} # pinned\nx: 1\n");
    assertThat(set("{image: {tag: v1}}\n", "image.tag", "v2")).isEqualTo("{image: {tag: v2}}\n");
    assertThat(set("image: {note: \"😀 Grüße\", tag: v1}\n", "image.tag", "v2"))
        .isEqualTo("image: {note: \"😀 Grüße\", tag: v2}\n");
  }

  @Test
  void flowMapping_plainValueWithFlowIndicatorsOrColon_isQuoted() throws Exception {
    assertThat(set("image: {repository: nginx}\n", "image.repository", "nginx:1.0"))
        .isEqualTo("image: {repository: \"nginx:1.0\"}\n");
    assertThat(set("image: {repository: nginx}\n", "image.repository", "a,b}"))
        .isEqualTo("image: {repository: \"a,b}\"}\n");
  }

  @Test
  void flowMapping_missingKeyAppendedBeforeClosingBrace() throws Exception {
    assertThat(set("image: {repository: nginx} # c\n", "image.registry", "h"))
        .isEqualTo("image: {repository: nginx, registry: h} # c\n");
    assertThat(set("image: { repository: nginx }\n", "image.registry", "h"))
        .isEqualTo("image: { repository: nginx, registry: h }\n");
    assertThat(set("image: {repository: nginx,}\n", "image.registry", "h"))
        .isEqualTo("image: {repository: nginx, registry: h,}\n");
    assertThat(set("image: {repository: nginx}\n", "image.pull.policy", "Always"))
        .isEqualTo("image: {repository: nginx, pull: {policy: Always}}\n");
    assertThat(set("x: {a: ~}\n", "x.a.b", "v")).isEqualTo("x: {a: {b: v}}\n");
    assertThat(set("x: {a: {}}\n", "x.a.b", "v")).isEqualTo("x: {a: {b: v}}\n");
    assertThat(set("{}\n", "image.tag", "v1")).isEqualTo("{image: {tag: v1}}\n");
    assertThat(set("a: {b: {c: 1}}\nimage: {}\n", "image.tag", "v1"))
        .as("flow mappings say nothing about the indentation step")
        .isEqualTo("a: {b: {c: 1}}\nimage:\n  tag: v1\n");
  }

  @Test
  void flowMappingOverSeveralLines_listsAndScalarParents_areRefused() throws Exception {
    assertThatThrownBy(() -> set("image: {repository: nginx,\n  tag: v1}\n", "image.registry", "h"))
        .isInstanceOf(EditException.class)
        .hasMessageContaining("flow mapping {...} at values.yaml:1: it spans several lines")
        .hasMessageContaining("write the mapping as a block");
    assertThat(set("image: {repository: nginx,\n  tag: v1}\n", "image.tag", "v2"))
        .isEqualTo("image: {repository: nginx,\n  tag: v2}\n");
    assertThatThrownBy(() -> set("image: {args: [a]}\n", "image.args", "b"))
        .hasMessageContaining("it is a list");
    assertThatThrownBy(() -> set("image: nginx:1.0\n", "image.registry", "h"))
        .hasMessageContaining("image at values.yaml:1 is the scalar \"nginx:1.0\", not a mapping");
  }

  @Test
  void insertsAfterNestedListsAndFlowValues() throws Exception {
    assertThat(set("image:\n  pullSecrets:\n  - a\n  - b\nx: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  pullSecrets:\n  - a\n  - b\n  registry: h\nx: 1\n");
    assertThat(set("image:\n  args: [a, b] # c\nx: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  args: [a, b] # c\n  registry: h\nx: 1\n");
    assertThat(set("image:\n  note: |\n    text\n\nx: 1\n", "image.registry", "h"))
        .isEqualTo("image:\n  note: |\n    text\n\n  registry: h\nx: 1\n");
  }

  @Test
  void setBoolean_writesAPlainBoolean_andIsIdempotent() throws Exception {
    String text = "global:\n  imageRegistry: \"\"\n";
    ValuesEditor once =
        ValuesEditor.parse(FILE, text)
            .setBoolean(ValuePath.parse("global.security.allowInsecureImages"), true);

    assertThat(once.text())
        .isEqualTo("global:\n  imageRegistry: \"\"\n  security:\n    allowInsecureImages: true\n");
    ValuesEditor twice =
        ValuesEditor.parse(FILE, once.text())
            .setBoolean(ValuePath.parse("global.security.allowInsecureImages"), true);
    assertThat(twice.changed()).isFalse();
    assertThat(
            ValuesEditor.parse(FILE, "a: 'false'\n").setBoolean(ValuePath.parse("a"), true).text())
        .isEqualTo("a: true\n");
  }

  // Regressions found by ValuesEditorProperties, each with the shrunk input.

  @Test
  void emptyString_isWrittenQuoted_andSettingItAgainChangesNothing() throws Exception {
    // was: "did not read back" for any "" value; a quoted "" was taken for the null of "key:"
    assertThat(set("image:\n  plain: nginx # trailing\n", "image.plain", ""))
        .isEqualTo("image:\n  plain: \"\" # trailing\n");
    assertThat(set("a: ''\n", "a", "")).isEqualTo("a: ''\n");
    assertThat(set("a:\n", "a", "")).isEqualTo("a: \"\"\n");
  }

  @Test
  void charactersYamlForbidsOrGoYamlBreaksOn_areEscaped() throws Exception {
    // was: U+FFFE written raw ("special characters are not allowed"); NEL, U+2028 and U+2029 are
    // line breaks to go-yaml (YAML 1.1), so helm would read another value; C1 controls are not
    // printable in YAML 1.2
    assertThat(set("a: x\n", "a", "\ufffe")).isEqualTo("a: \"\\ufffe\"\n");
    assertThat(set("a: x\n", "a", "p\u2028q\u0085r\u2029s\u0080"))
        .isEqualTo("a: \"p\\u2028q\\u0085r\\u2029s\\u0080\"\n");
    assertThat(set("a: 'x'\n", "a", "\u009f")).isEqualTo("a: \"\\u009f\"\n");
    assertThat(set("a: x\n", "a", "\ud83d\ude00")).isEqualTo("a: \ud83d\ude00\n");
  }

  @Test
  void keyAfterBlockScalarEndingTheFileWithoutNewline_isRefused_notChangingTheScalar() {
    // was: the appended line break became part of the scalar: "nginx" read back as "nginx\n"
    assertThatThrownBy(() -> set("image: |\n  nginx", "other", "v"))
        .isInstanceOf(EditException.class)
        .hasMessage(
            "Setting other in values.yaml would also change image; file left unchanged, edit it"
                + " by hand");
  }

  @Test
  void refusal_scalarWithLineBreak_isShownEscapedOnOneLine() {
    // was: the scalar's text went raw into the message, a line break from the file included
    assertThatThrownBy(() -> set("image: |\n  nginx\n", "image.sub", "v"))
        .isInstanceOf(EditException.class)
        .hasMessage(
            "Cannot set image.sub: image at values.yaml:1 is the scalar \"nginx\\n\", not a"
                + " mapping; edit it by hand");
  }

  @Test
  void keyAfterListEndingInAnAlias_goesAfterTheAlias() throws Exception {
    // was: "would break its YAML" when the anchor stood inside the same list: the alias was taken
    // for the anchored node and the key inserted after that, in the middle of the list
    assertThat(set("list:\n- tag: 1\n  k: &a2 ~\n- *a2\n", "new.deeper", "v"))
        .isEqualTo("list:\n- tag: 1\n  k: &a2 ~\n- *a2\nnew:\n  deeper: v\n");
    assertThat(set("a: &a1 x\nlist:\n- b\n- *a1", "new", "v"))
        .isEqualTo("a: &a1 x\nlist:\n- b\n- *a1\nnew: v");
  }

  @Test
  void emojiAcrossTheParsersBuffer_isEditedNotCrashed() throws Exception {
    // was: IndexOutOfBoundsException from SnakeYAML Engine's 1024-char buffer (found by
    // ValuesEditorProperties); a valid file must parse whatever its length
    String long1 = "x".repeat(1021) + "\uD83D\uDE00";
    assertThat(set("a: " + long1 + "\nb: c\n", "b", "d")).isEqualTo("a: " + long1 + "\nb: d\n");
  }
}
