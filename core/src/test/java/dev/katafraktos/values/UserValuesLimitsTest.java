package dev.katafraktos.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.model.ValuePath;
import dev.katafraktos.testsupport.Hostile;
import org.junit.jupiter.api.Test;

class UserValuesLimitsTest {

  @Test
  void defines_hostileFile_answersNoInsteadOfExpandingIt() {
    // the editor refuses these files with their line; this question must not blow up first
    assertThat(UserValues.defines(Hostile.aliasBomb(), ValuePath.of("image", "tag"))).isFalse();
    assertThat(UserValues.defines(Hostile.deepNesting(10_000), ValuePath.of("image"))).isFalse();
    assertThat(UserValues.defines("image: {tag: '1'}\n", ValuePath.of("image", "tag"))).isTrue();
  }
}
