package dev.katafraktos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValuePathTest {

  @Test
  void parse_listIndices_areKeysOfTheirOwn() {
    ValuePath path = ValuePath.parse("initContainers[0].image");
    assertThat(path.keys()).containsExactly("initContainers", "[0]", "image");
    assertThat(path).hasToString("initContainers[0].image");
    assertThat(ValuePath.parse("a.b[12][3].c").keys())
        .containsExactly("a", "b", "[12]", "[3]", "c");
    assertThat(ValuePath.parse("plugins[2]").keys()).containsExactly("plugins", "[2]");
  }

  @Test
  void parse_escapedDots_andBracketsThatAreNoIndex_stayInTheKey() {
    assertThat(ValuePath.parse("podAnnotations.prometheus\\.io/scrape").keys())
        .containsExactly("podAnnotations", "prometheus.io/scrape");
    assertThat(ValuePath.parse("a.b[x]").keys()).containsExactly("a", "b[x]");
  }

  @Test
  void parse_emptyKeysAndLeadingIndices_areRefused() {
    for (String bad : List.of("[0].a", "a.[0]", "a[0].", "a..b", ".a", "")) {
      assertThatThrownBy(() -> ValuePath.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toString_parse_roundTrips() {
    for (String text : List.of("a", "a.b", "sidecars[1].image.tag", "x\\.y[0][1]", "global.hub")) {
      assertThat(ValuePath.parse(text)).hasToString(text);
      assertThat(ValuePath.parse(ValuePath.parse(text).toString()))
          .isEqualTo(ValuePath.parse(text));
    }
  }

  @Test
  void outermostList_isThePathBeforeTheFirstIndex() {
    assertThat(ValuePath.parse("velero.initContainers[0].image").outermostList())
        .contains(ValuePath.of("velero", "initContainers"));
    assertThat(ValuePath.parse("image.tag").outermostList()).isEmpty();
  }
}
