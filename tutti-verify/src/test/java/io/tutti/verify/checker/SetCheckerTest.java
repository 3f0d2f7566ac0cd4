package io.tutti.verify.checker;

import static io.tutti.verify.history.OpType.FAIL;
import static io.tutti.verify.history.OpType.INFO;
import static io.tutti.verify.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.verify.checker.SetChecker.FinalRead;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
  private static Ops adds(Object... elementsAndTypes) {
    Ops ops = new Ops();
    for (int i = 0; i < elementsAndTypes.length; i += 2) {
      ops.add(OpKind.ADD, "set", (String) elementsAndTypes[i], null, (OpType) elementsAndTypes[i + 1], i, i + 1);
    }
    return ops;
  }

  @Test
  void everyAcknowledgedAddPresentIsValid() {
    SetCheckResult result = SetChecker.check(adds("a", OK, "b", OK, "c", INFO, "d", INFO, "e", FAIL).list(),
        new FinalRead.Elements(Set.of("a", "b", "c")));
    assertThat(result.valid()).isTrue();
    assertThat(result.attempted()).isEqualTo(5);
    assertThat(result.acknowledged()).isEqualTo(2);
    assertThat(result.indeterminate()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.recovered()).containsExactly("c");
    assertThat(result.unknownAbsent()).containsExactly("d");
    assertThat(result.reason()).isEqualTo("all 2 acknowledged adds are present; 1 of 2 elements with only "
        + "indeterminate adds are present");
  }

  @Test
  void anAcknowledgedAddMissingFromTheFinalReadIsLost() {
    SetCheckResult result = SetChecker.check(adds("a", OK, "b", OK).list(), new FinalRead.Elements(Set.of("a")));
    assertThat(result.valid()).isFalse();
    assertThat(result.lost()).containsExactly("b");
    assertThat(result.reason()).isEqualTo("1 acknowledged add lost: b");
  }

  @Test
  void anElementNeverAddedIsUnexpected() {
    SetCheckResult result = SetChecker.check(adds("a", OK).list(), new FinalRead.Elements(Set.of("a", "z")));
    assertThat(result.valid()).isFalse();
    assertThat(result.unexpected()).containsExactly("z");
  }

  @Test
  void anElementWhoseAddsAllFailedMustBeAbsent() {
    SetCheckResult result = SetChecker.check(adds("a", FAIL, "b", FAIL, "b", OK).list(),
        new FinalRead.Elements(Set.of("a", "b")));
    assertThat(result.valid()).isFalse();
    assertThat(result.failedPresent()).containsExactly("a");
    assertThat(result.reason()).isEqualTo("1 failed add present anyway: a");
  }

  @Test
  void withoutAFinalReadNothingIsValid() {
    SetCheckResult result = SetChecker.check(adds("a", OK).list(), new FinalRead.Failed("NO_QUORUM"));
    assertThat(result.valid()).isFalse();
    assertThat(result.finalReadSucceeded()).isFalse();
    assertThat(result.reason()).isEqualTo("the final read failed: NO_QUORUM");
  }

  @Test
  void longListsAreShortenedInTheReason() {
    SetCheckResult result = SetChecker.check(adds("a", OK, "b", OK, "c", OK, "d", OK, "e", OK, "f", OK, "g", OK)
        .list(), new FinalRead.Elements(Set.of()));
    assertThat(result.lost()).hasSize(7);
    assertThat(result.reason()).isEqualTo("7 acknowledged adds lost: a, b, c, d, e and 2 more");
  }

  @Test
  void onlyAddsAreAccepted() {
    assertThatThrownBy(() -> SetChecker.check(new Ops().read("set", null, 0, 1).list(),
        new FinalRead.Elements(Set.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes only adds");
  }

  @Test
  void theResultSerialisesAsSnakeCaseJson() throws Exception {
    SetCheckResult result = SetChecker.check(adds("a", OK, "c", INFO).list(), new FinalRead.Elements(Set.of("c")));
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
    assertThat(json.get("valid").booleanValue()).isFalse();
    assertThat(json.get("lost").get(0).textValue()).isEqualTo("a");
    assertThat(json.get("final_read_succeeded").booleanValue()).isTrue();
    assertThat(json.get("unknown_absent")).isEmpty();
    assertThat(json.get("recovered").get(0).textValue()).isEqualTo("c");
  }
}
