package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link LatencyAxis}: round tick values, as many per decade as the height allows. */
class LatencyAxisTest {
  @Test
  void aFewDecadesWithRoomGetOneTwoFive() {
    assertThat(LatencyAxis.tickValues(0.8, 120, 30)).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0);
  }

  @Test
  void smallValuesPrintExactly() {
    assertThat(LatencyAxis.tickValues(0.0008, 0.011, 30)).containsExactly(0.001, 0.002, 0.005, 0.01);
  }

  @Test
  void lessRoomGivesFewerTicksPerDecade() {
    assertThat(LatencyAxis.tickValues(0.8, 120, 6)).containsExactly(1.0, 3.0, 10.0, 30.0, 100.0);
    assertThat(LatencyAxis.tickValues(0.8, 120, 4)).containsExactly(1.0, 10.0, 100.0);
  }

  @Test
  void manyDecadesInLittleRoomSkipDecades() {
    assertThat(LatencyAxis.tickValues(0.001, 10_000, 4)).containsExactly(0.001, 0.1, 10.0, 1000.0);
  }
}
