package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link FaultWindow}: its bounds are checked, and it is drawn as the band of the same span. */
class FaultWindowTest {
  @Test
  void aWindowThatEndsBeforeItStartsIsRefusedByName() {
    assertThatThrownBy(() -> new FaultWindow(10, 5, "kill n2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kill n2").hasMessageContaining("10.0");
  }

  @Test
  void itIsDrawnAsTheBandOfTheSameSpan() {
    assertThat(new FaultWindow(1.5, 4, "pause n1").band())
        .isEqualTo(new io.tutti.bench.chart.Band(1.5, 4, "pause n1"));
  }
}
