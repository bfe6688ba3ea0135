package dev.katafraktos.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullBudgetTest {

  @Test
  void describe_exactWithRemainingAndCap_namesAll() {
    PullBudget b = new PullBudget("docker.io", 7, true, 5, 20);

    assertThat(b.describe())
        .isEqualTo("docker.io: 7 pulls needed, 5 left (ratelimit-remaining), --max-pulls 20");
  }

  @Test
  void describe_lowerBoundWithoutStatedLimit_saysAtLeastAndNoLimit() {
    assertThat(new PullBudget("docker.io", 1, false, null, null).describe())
        .isEqualTo("docker.io: at least 1 pull needed, no limit stated");
  }

  @Test
  void exceeded_neededAboveRemaining_isTrue() {
    PullBudget b = new PullBudget("docker.io", 6, true, 5, null);

    assertThat(b.allowed()).isEqualTo(5);
    assertThat(b.exceeded()).isTrue();
  }

  @Test
  void exceeded_neededEqualToTheSmallerOfRemainingAndCap_isFalse() {
    PullBudget b = new PullBudget("docker.io", 3, false, 10, 3);

    assertThat(b.allowed()).isEqualTo(3);
    assertThat(b.exceeded()).isFalse();
  }

  @Test
  void exceeded_capBelowNeededThoughRegistryStatesNoLimit_isTrue() {
    PullBudget b = new PullBudget("docker.io", 4, true, null, 2);

    assertThat(b.allowed()).isEqualTo(2);
    assertThat(b.exceeded()).isTrue();
  }

  @Test
  void exceeded_noLimitAndNoCap_isFalse() {
    PullBudget b = new PullBudget("docker.io", 1000, true, null, null);

    assertThat(b.allowed()).isNull();
    assertThat(b.exceeded()).isFalse();
  }
}
