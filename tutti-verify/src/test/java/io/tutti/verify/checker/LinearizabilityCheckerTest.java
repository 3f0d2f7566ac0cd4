package io.tutti.verify.checker;

import static io.tutti.verify.history.OpType.FAIL;
import static io.tutti.verify.history.OpType.INFO;
import static io.tutti.verify.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private static CheckResult check(Ops ops) {
    return new LinearizabilityChecker(GENEROUS).check(ops.list());
  }

  private static Verdict verdict(Ops ops) {
    return check(ops).verdict();
  }

  /** A clock that moves {@code tickNanos} every time it is read: budgets run out after a fixed number of reads. */
  private static LongSupplier tickingClock(long tickNanos) {
    AtomicLong now = new AtomicLong();
    return () -> now.addAndGet(tickNanos);
  }

  // --- reads and writes ---

  @Test
  void aStaleReadAfterAnAcknowledgedWriteIsNotLinearizable() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", OK, 20, 30).read("r1", "a", 40, 50);
    assertThat(verdict(ops)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeEitherValue() {
    Ops before = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", OK, 20, 40).read("r1", "a", 25, 35);
    Ops after = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", OK, 20, 40).read("r1", "b", 25, 35);
    assertThat(verdict(before)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(after)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void aReadOfAnAbsentKeyBeforeAnyWriteSeesNull() {
    assertThat(verdict(new Ops().read("r1", null, 0, 5).write("r1", "a", OK, 10, 20))).isEqualTo(
        Verdict.LINEARIZABLE);
    assertThat(verdict(new Ops().write("r1", "a", OK, 0, 5).read("r1", null, 10, 20))).isEqualTo(
        Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aReturnAndAnInvocationAtTheSameInstantCountAsConcurrent() {
    // The write completes at 10 and the read starts at 10: the read may still come first.
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).read("r1", null, 10, 20);
    assertThat(verdict(ops)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void failedWritesAndReadsWithoutAResultConstrainNothing() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", FAIL, 20, 30)
        .add(OpKind.READ, "r1", null, null, FAIL, 40, 50).add(OpKind.READ, "r1", null, null, INFO, 40, 50)
        .read("r1", "a", 60, 70);
    CheckResult result = check(ops);
    assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(result.keys().getFirst().operations()).isEqualTo(2);
  }

  // --- info operations ---

  @Test
  void anInfoWriteMayTakeEffectAfterItsClientGaveUp() {
    // p2's write timed out at 30; p3 reads its value long after, after another read saw the old value.
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", INFO, 20, 30).read("r1", "a", 40, 50)
        .read("r1", "b", 100, 110);
    assertThat(verdict(ops)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anInfoWriteThatNeverTookEffectIsFine() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", INFO, 20, 30).read("r1", "a", 100, 110);
    assertThat(verdict(ops)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anInfoWriteTakesEffectAtMostOnce() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", INFO, 20, 30).read("r1", "b", 40, 50)
        .write("r1", "c", OK, 60, 70).read("r1", "b", 80, 90);
    assertThat(verdict(ops)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void anInfoOperationCannotTakeEffectBeforeItWasInvoked() {
    Ops ops = new Ops().read("r1", "b", 0, 10).write("r1", "b", INFO, 20, 30);
    assertThat(verdict(ops)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  // --- compare-and-set ---

  @Test
  void aFailedCasWhoseExpectedValueWasTheOnlyPossibleCurrentValueIsNotLinearizable() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).cas("r1", "a", "b", FAIL, 20, 30);
    assertThat(verdict(ops)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aFailedCasThatCanBeOrderedWhereTheValueDifferedIsFine() {
    // The concurrent write of "c" may come first: the cas then saw "c", not "a".
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).write("r1", "c", OK, 15, 40).cas("r1", "a", "b", FAIL, 20, 30);
    assertThat(verdict(ops)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void aSuccessfulCasNeedsItsExpectedValueAndLeavesItsNewOne() {
    Ops good = new Ops().write("r1", "a", OK, 0, 10).cas("r1", "a", "b", OK, 20, 30).read("r1", "b", 40, 50);
    Ops wrongExpectation = new Ops().write("r1", "x", OK, 0, 10).cas("r1", "a", "b", OK, 20, 30);
    assertThat(verdict(good)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(wrongExpectation)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  // --- create, delete, append ---

  @Test
  void aCreateThatFailsOnAnAbsentKeyIsNotLinearizable() {
    assertThat(verdict(new Ops().create("r1", "a", FAIL, 0, 10))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(verdict(new Ops().create("r1", "a", OK, 0, 10).create("r1", "b", FAIL, 20, 30).read("r1", "a", 40,
        50))).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(new Ops().create("r1", "a", OK, 0, 10).create("r1", "b", OK, 20, 30))).isEqualTo(
        Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aReadAfterADeleteSeesTheKeyAbsent() {
    Ops absent = new Ops().write("r1", "a", OK, 0, 10).delete("r1", OK, 20, 30).read("r1", null, 40, 50);
    Ops stale = new Ops().write("r1", "a", OK, 0, 10).delete("r1", OK, 20, 30).read("r1", "a", 40, 50);
    assertThat(verdict(absent)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(stale)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void appendsConcatenateInTheirOrder() {
    Ops inOrder = new Ops().append("r1", "x", OK, 0, 10).append("r1", "y", OK, 20, 30).read("r1", "xy", 40, 50);
    Ops reversed = new Ops().append("r1", "x", OK, 0, 10).append("r1", "y", OK, 20, 30).read("r1", "yx", 40, 50);
    Ops concurrent = new Ops().append("r1", "x", OK, 0, 30).append("r1", "y", OK, 10, 20).read("r1", "yx", 40, 50);
    assertThat(verdict(inOrder)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(reversed)).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(verdict(concurrent)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void keysOfPorcupineKvHistoriesStartAsTheEmptyString() {
    Ops ops = new Ops().read("7", "", 0, 10).append("7", "x", OK, 20, 30).read("7", "x", 40, 50);
    CheckResult result = new LinearizabilityChecker(GENEROUS, GENEROUS, KeyValueModel.startingAt(""))
        .check(ops.list());
    assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(ops)).as("keys starting absent").isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  // --- keys ---

  @Test
  void eachKeyIsCheckedOnItsOwn() {
    // Across keys there is no register to be stale: r2 was never written.
    Ops fine = new Ops().write("r1", "a", OK, 0, 10).read("r2", null, 20, 30);
    Ops oneBad = new Ops().write("r1", "a", OK, 0, 10).write("r1", "b", OK, 20, 30).read("r1", "a", 40, 50)
        .write("r2", "x", OK, 0, 10).read("r2", "x", 20, 30);
    assertThat(verdict(fine)).isEqualTo(Verdict.LINEARIZABLE);
    CheckResult result = check(oneBad);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.reason()).isEqualTo("key r1 is not linearizable");
    assertThat(result.keys()).extracting(KeyResult::key, KeyResult::verdict).containsExactly(
        org.assertj.core.groups.Tuple.tuple("r1", Verdict.NOT_LINEARIZABLE),
        org.assertj.core.groups.Tuple.tuple("r2", Verdict.LINEARIZABLE));
    assertThat(result.explanation()).get().extracting(Explanation::key).isEqualTo("r1");
  }

  @Test
  void keysCheckedInParallelGetTheSameVerdictsAsOneByOne() {
    List<Operation> history = new ArrayList<>(RegisterSimulation.random(7, 600, 8, 300));
    history.add(new Operation(10_000, 1, OpKind.READ, "k3", "never-written", null, null, OK, 1_000_000, 1_000_010,
        null));
    CheckResult parallel = new LinearizabilityChecker(GENEROUS, GENEROUS, KeyValueModel.startingAbsent(), 4,
        Long.MAX_VALUE, System::nanoTime).check(history);
    CheckResult sequential = new LinearizabilityChecker(GENEROUS, GENEROUS, KeyValueModel.startingAbsent(), 1,
        Long.MAX_VALUE, System::nanoTime).check(history);
    assertThat(parallel.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(parallel.keys()).extracting(KeyResult::key, KeyResult::verdict)
        .isEqualTo(sequential.keys().stream().map(k -> org.assertj.core.groups.Tuple.tuple(k.key(), k.verdict()))
            .toList());
    assertThat(parallel.keys()).hasSize(8);
  }

  // --- budgets ---

  @Test
  void anExhaustedBudgetPerKeyYieldsUnknownNeverLinearizable() {
    List<Operation> big = RegisterSimulation.random(42, 3000, 1, 400);
    assertThat(new LinearizabilityChecker(GENEROUS).check(big).verdict()).as("with time enough")
        .isEqualTo(Verdict.LINEARIZABLE);
    // The clock moves 10 µs at each look, and the search looks every 128 steps: 5 looks, well before 3000 ops.
    CheckResult result = new LinearizabilityChecker(Duration.ofNanos(50_000), GENEROUS,
        KeyValueModel.startingAbsent(), 1, Long.MAX_VALUE, tickingClock(10_000)).check(big);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).isEqualTo("time budget of 50 µs per key exceeded on key k0");
    assertThat(result.explanation()).isEmpty();
  }

  @Test
  void aTinyRealBudgetOnABigHistoryIsUnknown() {
    List<Operation> big = RegisterSimulation.random(43, 5000, 1, 400);
    CheckResult result = new LinearizabilityChecker(Duration.ofNanos(1)).check(big);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.keys().getFirst().reason()).contains("per key exceeded on key k0");
  }

  @Test
  void theTotalBudgetCutsShortTheKeysStillRunning() {
    List<Operation> history = RegisterSimulation.random(44, 2000, 3, 400);
    CheckResult result = new LinearizabilityChecker(Duration.ofSeconds(10), Duration.ofMillis(2),
        KeyValueModel.startingAbsent(), 1, Long.MAX_VALUE, tickingClock(100_000)).check(history);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).startsWith("total time budget of 2 ms exceeded on key k0");
    assertThat(result.keys()).allSatisfy(k -> assertThat(k.verdict()).isEqualTo(Verdict.UNKNOWN));
  }

  @Test
  void aKeyThatIsDefinitelyBadOutweighsAKeyCutShort() {
    List<Operation> history = new ArrayList<>(RegisterSimulation.random(45, 3000, 1, 400));
    Ops bad = new Ops().write("z", "a", OK, 0, 10).cas("z", "a", "b", FAIL, 20, 30);
    history.addAll(bad.list().stream().map(o -> new Operation(o.id() + 10_000, o.process(), o.f(), o.key(), o.value(),
        o.expected(), o.version(), o.type(), o.invokeNanos(), o.completeNanos(), o.error())).toList());
    // Each key gets 20 looks at the clock: enough for the two operations of z, not for the 3000 of k0.
    CheckResult result = new LinearizabilityChecker(Duration.ofNanos(20), GENEROUS, KeyValueModel.startingAbsent(),
        1, Long.MAX_VALUE, tickingClock(1)).check(history);
    assertThat(result.keys()).extracting(KeyResult::verdict).containsExactly(Verdict.UNKNOWN,
        Verdict.NOT_LINEARIZABLE);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void budgetsAreNamedInTheirLargestWholeUnit() {
    assertThat(LinearizabilityChecker.describe(Duration.ofMinutes(10))).isEqualTo("10 min");
    assertThat(LinearizabilityChecker.describe(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(LinearizabilityChecker.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    assertThat(LinearizabilityChecker.describe(Duration.ofNanos(50_000))).isEqualTo("50 µs");
    assertThat(LinearizabilityChecker.describe(Duration.ofNanos(1))).isEqualTo("1 ns");
    assertThat(LinearizabilityChecker.describe(Duration.ofDays(365 * 1000))).endsWith(" min");
  }

  @Test
  void aMemoOverItsMemoryLimitYieldsUnknown() {
    List<Operation> big = RegisterSimulation.random(46, 3000, 1, 400);
    CheckResult result = new LinearizabilityChecker(GENEROUS, GENEROUS, KeyValueModel.startingAbsent(), 1,
        1024 * 1024, System::nanoTime).check(big);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).isEqualTo("memo memory limit of 1 MiB exceeded on key k0");
  }

  // --- explanations ---

  @Test
  void theExplanationListsTheOperationsThatCannotBeOrdered() {
    Ops ops = new Ops()
        .read("r1", null, 0, 1_000_000)                 // 0: consistent with everything
        .write("r1", "a", OK, 1_200_000, 1_900_000)     // 1
        .write("r1", "b", OK, 3_000_000, 3_500_000)     // 2
        .write("r1", "z", INFO, 3_000_000, 3_200_000)   // 3: took effect or not, either way no "a"
        .read("r1", "a", 4_000_000, 4_500_000)          // 4: stale
        .write("r1", "c", OK, 5_000_000, 5_100_000);    // 5: after the violation
    CheckResult result = check(ops);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    Explanation explanation = result.explanation().orElseThrow();
    // The write of "a" need not be shown: wherever it took effect, in its own window, it was before "b".
    assertThat(explanation.operations()).containsExactly(ops.get(2), ops.get(4));
    assertThat(explanation.minimal()).isTrue();
    assertThat(explanation.stuck()).isEqualTo(ops.get(4));
    assertThat(explanation.lines()).containsExactly(
        "key r1: these 2 operations cannot be ordered:",
        "  p3 write \"b\"  invoke 3.000 ms  ok 3.500 ms",
        "  p5 read \"a\"  invoke 4.000 ms  ok 4.500 ms",
        "  (whichever of the 3 other operations of key r1 took effect)");
  }

  @Test
  void anExplanationNeverBlamesAReadWhoseValueAnotherWriteCouldHaveProduced() {
    // Values repeat, as in Jepsen's etcd tests. Deleting the second write of "1" would turn the read of "1" into a
    // stale read after "2"; the real violation is the read of "2" after "1" was written and read.
    Ops ops = new Ops()
        .write("", "1", OK, 0, 10)
        .write("", "2", OK, 20, 30)
        .write("", "1", OK, 40, 50)
        .read("", "1", 60, 70)
        .read("", "2", 80, 90);
    Explanation explanation = check(ops).explanation().orElseThrow();
    assertThat(explanation.operations()).hasSize(2).contains(ops.get(4)).isSubsetOf(ops.get(2), ops.get(3),
        ops.get(4));
    assertThat(explanation.lines().getFirst()).isEqualTo("the register: these 2 operations cannot be ordered:");
  }

  @Test
  void aLargeExplanationShowsWhereTheSearchGotStuck() {
    Ops ops = new Ops();
    for (int i = 0; i < 12; i++) {
      ops.write("r1", "w" + i, OK, 10 * i, 10 * i + 5);
    }
    Explanation large = new Explanation("r1", ops.list(), 0, false, 11, ops.get(11));
    assertThat(large.lines()).containsExactly(
        "key r1: 12 operations cannot be ordered (not minimised: the time budget ran out); the search got stuck "
            + "after ordering 11, at:",
        "  p12 write \"w11\"  invoke 0.000 ms  ok 0.000 ms",
        "  (the 12 operations are in the JSON verdict)");
  }

  // --- results ---

  @Test
  void theResultIsWrittenAsJson() {
    Ops ops = new Ops().write("r1", "a", OK, 0, 10).cas("r1", "a", "b", FAIL, 20, 30);
    String json = check(ops).toJson();
    assertThat(json).contains("\"verdict\" : \"not_linearizable\"", "\"reason\" : \"key r1 is not linearizable\"",
        "\"key\" : \"r1\"", "\"invoke_ns\" : 20", "\"minimal\" : true", "\"f\" : \"cas\"");
    assertThat(new LinearizabilityChecker(GENEROUS).check(List.of()).toJson()).contains("\"explanation\" : null");
  }

  @Test
  void anEmptyHistoryIsLinearizable() {
    CheckResult result = new LinearizabilityChecker(GENEROUS).check(List.of());
    assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(result.keys()).isEmpty();
  }

  @Test
  void setAddsAreRefused() {
    Ops ops = new Ops().add(OpKind.ADD, "s", "e1", null, OK, 0, 10);
    assertThatThrownBy(() -> check(ops)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set add");
  }
}
