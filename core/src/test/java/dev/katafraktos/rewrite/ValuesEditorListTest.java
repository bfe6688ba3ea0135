package dev.katafraktos.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.model.ValuePath;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values inside lists: edited in place, or a whole list written where the file has none. */
class ValuesEditorListTest {
  private static final Path FILE = Path.of("values.yaml");

  private static String set(String text, String path, String value) throws Exception {
    return ValuesEditor.parse(FILE, text).set(ValuePath.parse(path), value).text();
  }

  @Test
  void elementOfABlockList_isEditedInPlace_commentsKept() throws Exception {
    String text =
        """
        initContainers:
          # the AWS provider
          - name: plugin-for-aws
            image: velero/velero-plugin-for-aws:v1.12.0  # keep in step with velero
          - name: plugin-for-gcp
            image: 'velero/velero-plugin-for-gcp:v1.12.0'
        """;
    assertThat(set(text, "initContainers[1].image", "harbor.corp/hub/velero/plugin-for-gcp:v1"))
        .isEqualTo(
            text.replace(
                "'velero/velero-plugin-for-gcp:v1.12.0'",
                "'harbor.corp/hub/velero/plugin-for-gcp:v1'"));
  }

  @Test
  void indentlessListsFlowListsAndScalarElements_areEditedInPlace() throws Exception {
    assertThat(set("sidecars:\n- name: a\n  image: x/a\n", "sidecars[0].image", "h/x/a"))
        .isEqualTo("sidecars:\n- name: a\n  image: h/x/a\n");
    assertThat(set("plugins: [{name: a, image: \"x/a:1\"}]\n", "plugins[0].image", "h/x/a:1"))
        .isEqualTo("plugins: [{name: a, image: \"h/x/a:1\"}]\n");
    assertThat(set("images:\n  - x/a:1\n  - x/b:2\n", "images[1]", "h/x/b:2"))
        .isEqualTo("images:\n  - x/a:1\n  - h/x/b:2\n");
  }

  @Test
  void missingKeyInAnElement_isInsertedAtTheElementsIndentation() throws Exception {
    assertThat(set("sidecars:\n  - name: a\n    image: x/a\n", "sidecars[0].tag", "v1"))
        .isEqualTo("sidecars:\n  - name: a\n    image: x/a\n    tag: v1\n");
  }

  @Test
  void anIndexTheListDoesNotHave_isRefused() {
    assertThatThrownBy(() -> set("sidecars:\n  - name: a\n", "sidecars[3].image", "h"))
        .isInstanceOf(EditException.class)
        .hasMessageContaining("without element 3");
    assertThatThrownBy(() -> set("sidecars: {a: 1}\n", "sidecars[0].image", "h"))
        .isInstanceOf(EditException.class)
        .hasMessageContaining("sidecars");
  }

  @Test
  void wholeList_isWrittenAsABlock_inTheFilesIndentation_stringsQuoted() throws Exception {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("name", "on"); // a YAML 1.1 boolean unless quoted
    first.put("image", "h/quay/brancz/kube-rbac-proxy");
    first.put("port", 8443);
    first.put("args", List.of("--secure"));
    ValuesEditor editor =
        ValuesEditor.parse(FILE, "# mine\nweb:\n    replicas: 2\n")
            .setTree(ValuePath.parse("web.sidecars"), List.of(first));

    assertThat(editor.text())
        .isEqualTo(
            "# mine\n"
                + "web:\n"
                + "    replicas: 2\n"
                + "    sidecars:\n"
                + "        - name: \"on\"\n"
                + "          image: \"h/quay/brancz/kube-rbac-proxy\"\n"
                + "          port: 8443\n"
                + "          args:\n"
                + "          - \"--secure\"\n");
    assertThat(TreeBlock.load(editor.text(), ValuePath.parse("web.sidecars")))
        .isEqualTo(List.of(first));
  }

  @Test
  void wholeList_intoAnEmptyFile_andReplacingAnEmptyValue() throws Exception {
    List<Object> list = List.of(Map.of("image", "h/x"));
    assertThat(ValuesEditor.parse(FILE, "").setTree(ValuePath.parse("extra"), list).text())
        .isEqualTo("extra:\n  - image: \"h/x\"\n");
    assertThat(
            ValuesEditor.parse(FILE, "extra: # none yet\nb: 1\n")
                .setTree(ValuePath.parse("extra"), list)
                .text())
        .isEqualTo("extra:\n  - image: \"h/x\" # none yet\nb: 1\n");
  }

  private static String setTree(String text, String path, Object value) throws Exception {
    return ValuesEditor.parse(FILE, text).setTree(ValuePath.parse(path), value).text();
  }

  @Test
  void setTree_emptyListOrMapping_staysOnTheKeysLine() throws Exception {
    // was `new:` and `[]` on the next line, which split a flow mapping over two lines
    assertThat(setTree("m:\n  a: b\n", "m.new", List.of())).isEqualTo("m:\n  a: b\n  new: []\n");
    assertThat(setTree("m: {a: b}\n", "m.new", java.util.Map.of()))
        .isEqualTo("m: {a: b, new: {}}\n");
  }

  @Test
  void setTree_insideAFlowMapping_writesFlowStyle() throws Exception {
    // was refused: a block cannot go inside {}; JSON is flow YAML with every string quoted
    assertThat(setTree("l: [x, {a: b}]\n", "l[1].new", List.of("x", "yes")))
        .isEqualTo("l: [x, {a: b, new: [\"x\",\"yes\"]}]\n");
  }
}
