package io.tutti.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Bands}: labels that would overlap on screen go to separate lanes; a band's bounds are checked. */
class BandsTest {
  private static final double ONE_PX_PER_SECOND = 1;

  @Test
  void labelsOfWindowsFarApartShareTheFirstLane() {
    List<Band> bands = List.of(new Band(0, 100, "kill n1"), new Band(200, 300, "kill n2"));

    assertThat(Bands.lanes(bands, new double[] {40, 40}, ONE_PX_PER_SECOND)).containsExactly(0, 0);
  }

  @Test
  void overlappingWindowsGetTheirOwnLanesGivenInInputOrder() {
    List<Band> bands = List.of(new Band(50, 150, "pause n1"), new Band(0, 100, "kill n2"),
        new Band(120, 130, "partition {1,2}|{3}"), new Band(400, 500, "kill n3"));

    assertThat(Bands.lanes(bands, new double[] {40, 40, 40, 40}, ONE_PX_PER_SECOND))
        .containsExactly(1, 0, 0, 0);
  }

  @Test
  void aLabelWiderThanItsWindowPushesTheNextLabelDown() {
    List<Band> bands = List.of(new Band(0, 5, "partition {1,2}|{3}"), new Band(20, 25, "kill n1"));

    assertThat(Bands.lanes(bands, new double[] {120, 40}, ONE_PX_PER_SECOND)).containsExactly(0, 1);
  }

  @Test
  void pastTheLastLaneALabelTakesTheLaneThatFreesFirst() {
    Band[] nested = new Band[Bands.LANES_MAX + 1];
    for (int i = 0; i < nested.length; i++) {
      nested[i] = new Band(i, 1_000 - i, "band " + i);
    }
    double[] widths = new double[nested.length];

    int[] lanes = Bands.lanes(List.of(nested), widths, ONE_PX_PER_SECOND);

    assertThat(lanes[Bands.LANES_MAX]).isEqualTo(Bands.LANES_MAX - 1);
  }

  @Test
  void aBandThatEndsBeforeItStartsIsRefusedByName() {
    assertThatThrownBy(() -> new Band(10, 5, "kill n2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kill n2").hasMessageContaining("10.0");
  }
}
