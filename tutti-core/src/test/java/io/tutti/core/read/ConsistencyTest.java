package io.tutti.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import org.junit.jupiter.api.Test;

/** The wire form of read levels: what {@code Tutti-Consistency} and {@code --consistency} accept. */
class ConsistencyTest {
  @Test
  void everyLevelReadsBackFromItsWireForm() {
    for (Consistency level : new Consistency[] {Consistency.LINEARIZABLE, Consistency.SESSION, Consistency.EVENTUAL,
        Consistency.bounded(1), Consistency.bounded(250), Consistency.bounded(Consistency.STALE_MAX_MS_MAX)}) {
      assertThat(Consistency.parse(level.toString())).isEqualTo(level);
    }
    assertThat(Consistency.bounded(250)).hasToString("bounded;ms=250");
  }

  @Test
  void absentMeansLinearizableAndCaseAndSpacesDoNotMatter() {
    assertThat(Consistency.parse(null)).isEqualTo(Consistency.LINEARIZABLE);
    assertThat(Consistency.parse("  ")).isEqualTo(Consistency.LINEARIZABLE);
    assertThat(Consistency.parse("Session")).isEqualTo(Consistency.SESSION);
    assertThat(Consistency.parse("Bounded; ms=40")).isEqualTo(Consistency.bounded(40));
  }

  @Test
  void malformedLevelsAreInvalidArgumentsNamingWhatIsAccepted() {
    for (String bad : new String[] {"strongest", "bounded", "bounded;ms=", "bounded;ms=0", "bounded;ms=-5",
        "bounded;ms=3600001", "bounded;ms=99999999999", "bounded;s=5", "eventual;ms=5", "linearizable,session"}) {
      assertThatThrownBy(() -> Consistency.parse(bad)).as(bad).isInstanceOf(TuttiException.class)
          .satisfies(e -> assertThat(((TuttiException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("bounded");
    }
  }

  @Test
  void levelsAreOrderedStrongestFirst() {
    assertThat(Consistency.Level.values()).containsExactly(Consistency.Level.LINEARIZABLE, Consistency.Level.SESSION,
        Consistency.Level.BOUNDED, Consistency.Level.EVENTUAL);
  }
}
