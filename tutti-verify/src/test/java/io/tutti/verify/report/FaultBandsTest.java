package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FaultBands}: labels that would overlap on screen go to separate lanes; the windows are checked. */
class FaultBandsTest {
  private static final double ONE_PX_PER_SECOND = 1;

  @Test
  void labelsOfWindowsFarApartShareTheFirstLane() {
    List<FaultWindow> faults = List.of(new FaultWindow(0, 100, "kill n1"), new FaultWindow(200, 300, "kill n2"));

    assertThat(FaultBands.lanes(faults, new double[] {40, 40}, ONE_PX_PER_SECOND)).containsExactly(0, 0);
  }

  @Test
  void overlappingWindowsGetTheirOwnLanesGivenInInputOrder() {
    List<FaultWindow> faults = List.of(new FaultWindow(50, 150, "pause n1"), new FaultWindow(0, 100, "kill n2"),
        new FaultWindow(120, 130, "partition {1,2}|{3}"), new FaultWindow(400, 500, "kill n3"));

    assertThat(FaultBands.lanes(faults, new double[] {40, 40, 40, 40}, ONE_PX_PER_SECOND))
        .containsExactly(1, 0, 0, 0);
  }

  @Test
  void aLabelWiderThanItsWindowPushesTheNextLabelDown() {
    List<FaultWindow> faults = List.of(new FaultWindow(0, 5, "partition {1,2}|{3}"), new FaultWindow(20, 25, "kill n1"));

    assertThat(FaultBands.lanes(faults, new double[] {120, 40}, ONE_PX_PER_SECOND)).containsExactly(0, 1);
  }

  @Test
  void pastTheLastLaneALabelTakesTheLaneThatFreesFirst() {
    FaultWindow[] nested = new FaultWindow[FaultBands.LANES_MAX + 1];
    for (int i = 0; i < nested.length; i++) {
      nested[i] = new FaultWindow(i, 1_000 - i, "fault " + i);
    }
    double[] widths = new double[nested.length];

    int[] lanes = FaultBands.lanes(List.of(nested), widths, ONE_PX_PER_SECOND);

    assertThat(lanes[FaultBands.LANES_MAX]).isEqualTo(FaultBands.LANES_MAX - 1);
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsRefusedByName() {
    assertThatThrownBy(() -> new FaultWindow(10, 5, "kill n2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kill n2").hasMessageContaining("10.0");
  }
}
