package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetValuesTest {

  @Test
  void of_commaSeparatedSet_splitsIntoPairs() throws Exception {
    SetValues values = SetValues.of("c", List.of("a=1,b.c=x"), List.of());

    assertThat(values.pairs()).containsExactly(Map.entry("a", "1"), Map.entry("b.c", "x"));
    assertThat(values.overridesYaml()).isNull();
  }

  @Test
  void of_escapedComma_staysInTheValue() throws Exception {
    SetValues values = SetValues.of("c", List.of("a=x\\,y"), List.of());

    assertThat(values.pairs()).containsExactly(Map.entry("a", "x,y"));
  }

  @Test
  void of_setStringThatSetWouldType_goesToTheValuesFile() throws Exception {
    SetValues values = SetValues.of("c", List.of(), List.of("image.tag=1", "flag=true", "v=1.10"));

    assertThat(values.pairs()).containsExactly(Map.entry("v", "1.10"));
    assertThat(values.overridesYaml()).isEqualTo("{\"image\":{\"tag\":\"1\"},\"flag\":\"true\"}");
  }

  @Test
  void of_listValue_goesToTheValuesFileTyped() throws Exception {
    SetValues values = SetValues.of("c", List.of("args={a,2,true}"), List.of());

    assertThat(values.pairs()).isEmpty();
    assertThat(values.overridesYaml()).isEqualTo("{\"args\":[\"a\",2,true]}");
  }

  @Test
  void of_entryWithoutEquals_isRejected() {
    assertThatThrownBy(() -> SetValues.of("chart", List.of("novalue"), List.of()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("--set novalue: expected key=value");
  }
}
