package dev.katafraktos.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WholeCodePointsTest {
  private static final String EMOJI = "\uD83D\uDE00";

  @Test
  void load_emojiAcrossEveryBufferBoundary_readsTheValue() {
    // SnakeYAML Engine reads 1024 chars at a time; put the pair across each boundary up to 8 KiB
    for (int n = 1000; n < 8300; n++) {
      String value = "x".repeat(n) + EMOJI;
      Object loaded = BoundedYaml.load(BoundedYaml.settings("t.yaml"), "a: " + value + "\nb: c\n");
      assertThat(loaded).as("n=%d", n).isEqualTo(Map.of("a", value, "b", "c"));
    }
  }

  @Test
  void read_loneHighSurrogateAtTheEnd_isPassedOn() throws Exception {
    java.io.Reader reader = WholeCodePoints.of("ab\uD83D");
    char[] buffer = new char[16];
    StringBuilder read = new StringBuilder();
    for (int n; (n = reader.read(buffer, 0, buffer.length)) >= 0; ) {
      read.append(buffer, 0, n);
    }
    assertThat(read.toString()).isEqualTo("ab\uD83D");
  }
}
