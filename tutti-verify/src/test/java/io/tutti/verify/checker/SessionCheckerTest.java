package io.tutti.verify.checker;

import static io.tutti.verify.history.OpType.FAIL;
import static io.tutti.verify.history.OpType.INFO;
import static io.tutti.verify.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.verify.checker.SessionCheckResult.Guarantee;
import io.tutti.verify.checker.SessionCheckResult.Violation;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The session guarantees of issue "Read consistency levels, portable session tokens", on single keys. */
class SessionCheckerTest {
  @Test
  void aSessionThatNeverGoesBackIsValid() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(1, "k", 5, 20, 30)
        .read(1, "k", 9, 40, 50) // another session's write, seen later
        .write(1, "k", 12, 60, 70)
        .read(2, "k", 3, 15, 25) // other sessions may be stale
        .read(2, "k", 3, 35, 45)
        .read(1, "j", 0, 80, 90) // another key starts over
        .list();
    SessionCheckResult result = SessionChecker.check(history);
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.sessions()).isEqualTo(2);
    assertThat(result.readsChecked()).isEqualTo(5);
    assertThat(result.writesChecked()).isEqualTo(2);
    assertThat(result.violations()).isEmpty();
    assertThat(result.summary()).isEqualTo("ok (4 session guarantees hold over 5 reads and 2 writes in 2 sessions)");
  }

  @Test
  void aReadOlderThanTheSessionsOwnWriteBreaksReadYourWrites() {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .write(3, "k", 5, 0, 10)
        .read(3, "k", 4, 20, 30)
        .list());
    assertThat(result.valid()).isFalse();
    assertThat(result.violations()).containsExactly(new Violation(Guarantee.READ_YOUR_WRITES, 3, "k", 0, 5, 1, 4));
    assertThat(result.summary()).isEqualTo("FAILED: 1 session guarantee violation: read-your-writes: session 3 "
        + "wrote key k at version 5 (operation 0), then read version 4 (operation 1)");
  }

  @Test
  void aReadOlderThanAnEarlierReadBreaksMonotonicReads() {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .read(1, "k", 7, 0, 10)
        .read(1, "k", 7, 20, 30)
        .read(1, "k", 6, 40, 50)
        .list());
    assertThat(result.violations()).containsExactly(new Violation(Guarantee.MONOTONIC_READS, 1, "k", 0, 7, 2, 6));
    assertThat(result.violations().getFirst().describe()).isEqualTo("monotonic-reads: session 1 read key k at "
        + "version 7 (operation 0), then read version 6 (operation 2)");
  }

  @Test
  void aWriteNotAboveAnEarlierWriteBreaksMonotonicWrites() {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .write(1, "k", 7, 0, 10)
        .write(1, "k", 7, 20, 30)
        .write(1, "k", 6, 40, 50)
        .list());
    assertThat(result.violations()).containsExactly(
        new Violation(Guarantee.MONOTONIC_WRITES, 1, "k", 0, 7, 1, 7),
        new Violation(Guarantee.MONOTONIC_WRITES, 1, "k", 0, 7, 2, 6));
    assertThat(result.violationCount()).isEqualTo(2);
    assertThat(result.violations().getFirst().describe()).isEqualTo("monotonic-writes: session 1 wrote key k at "
        + "version 7 (operation 0), then wrote version 7 (operation 1)");
  }

  @Test
  void aWriteNotAboveAVersionTheSessionReadBreaksWritesFollowReads() {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .read(1, "k", 9, 0, 10)
        .write(1, "k", 8, 20, 30)
        .list());
    assertThat(result.violations()).containsExactly(new Violation(Guarantee.WRITES_FOLLOW_READS, 1, "k", 0, 9, 1, 8));
    assertThat(result.violations().getFirst().describe()).isEqualTo("writes-follow-reads: session 1 read key k at "
        + "version 9 (operation 0), then wrote version 8 (operation 1)");
  }

  @Test
  void aReadBelowBothAWriteAndAReadBreaksBothGuarantees() {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(1, "k", 8, 20, 30)
        .read(1, "k", 2, 40, 50)
        .list());
    assertThat(result.violations()).extracting(Violation::guarantee, Violation::earlierId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Guarantee.READ_YOUR_WRITES, 0L),
            org.assertj.core.groups.Tuple.tuple(Guarantee.MONOTONIC_READS, 1L));
  }

  @Test
  void operationsAreTakenInInvocationOrderWhateverTheirOrderInTheList() {
    List<Operation> history = new ArrayList<>(new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(1, "k", 4, 20, 30)
        .list());
    assertThat(SessionChecker.check(history.reversed()).violations()).extracting(Violation::guarantee)
        .containsExactly(Guarantee.READ_YOUR_WRITES);
  }

  @Test
  void failedAndUnknownOperationsAndThoseWithoutAVersionPromiseNothing() {
    List<Operation> history = new VersionedOps()
        .add(1, OpKind.WRITE, "k", null, INFO, 0, 10)
        .add(1, OpKind.WRITE, "k", 9L, INFO, 20, 30) // a version on an unknown outcome is not believed
        .add(1, OpKind.WRITE, "k", null, FAIL, 40, 50)
        .add(1, OpKind.READ, "k", null, FAIL, 60, 70)
        .add(1, OpKind.WRITE, "k", null, OK, 80, 90) // a history without versions
        .add(1, OpKind.ADD, "k", 8L, OK, 95, 98) // a set add gives the key no version
        .read(1, "k", 3, 100, 110)
        .list();
    SessionCheckResult result = SessionChecker.check(history);
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.readsChecked()).isEqualTo(1);
    assertThat(result.writesChecked()).isZero();
  }

  @Test
  void anAbsentReadAfterADeleteMayBeTheDeletesState() {
    // Tutti reads a deleted key as version 0, while the delete itself has a version.
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .delete(2, "k", 8, 12, 18)
        .read(1, "k", 0, 20, 30)
        .read(1, "k", 0, 40, 50)
        .list();
    SessionCheckResult result = SessionChecker.check(history);
    assertThat(result.valid()).as(result.summary()).isTrue();
  }

  @Test
  void anAbsentReadNoDeleteCanExplainBreaksReadYourWrites() {
    SessionCheckResult noDelete = SessionChecker.check(new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(1, "k", 0, 20, 30)
        .list());
    assertThat(noDelete.violations()).containsExactly(new Violation(Guarantee.READ_YOUR_WRITES, 1, "k", 0, 5, 1, 0));
    assertThat(noDelete.violations().getFirst().describe()).endsWith("then read version 0 (absent) (operation 1)");

    SessionCheckResult olderDelete = SessionChecker.check(new VersionedOps()
        .delete(2, "k", 3, 0, 5)
        .write(1, "k", 5, 10, 20)
        .read(1, "k", 0, 30, 40)
        .list());
    assertThat(olderDelete.violations()).extracting(Violation::guarantee).containsExactly(Guarantee.READ_YOUR_WRITES);

    SessionCheckResult laterDelete = SessionChecker.check(new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(1, "k", 0, 20, 30)
        .delete(2, "k", 8, 31, 40) // invoked after the read completed: it cannot be what the read saw
        .list());
    assertThat(laterDelete.violations()).extracting(Violation::guarantee).containsExactly(Guarantee.READ_YOUR_WRITES);
  }

  @Test
  void aDeleteOfUnknownOutcomeMayExplainAnAbsentRead() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .add(2, OpKind.DELETE, "k", null, INFO, 12, 40)
        .read(1, "k", 0, 20, 30)
        .list();
    assertThat(SessionChecker.check(history).valid()).isTrue();
  }

  @Test
  void anAbsentReadSetsNoFloorButAnAbsentReadOfANeverWrittenKeyIsHeldToOne() {
    List<Operation> history = new VersionedOps()
        .read(1, "k", 0, 0, 10)
        .write(1, "k", 1, 20, 30) // above an absent read: fine
        .list();
    assertThat(SessionChecker.check(history).valid()).isTrue();
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .read(1, "k", 4, 0, 10)
        .read(1, "k", 0, 20, 30)
        .list());
    assertThat(result.violations()).extracting(Violation::guarantee).containsExactly(Guarantee.MONOTONIC_READS);
  }

  @Test
  void processesMayBeJoinedIntoTheSessionsOfTheirClients() {
    // The client of process 3 moved to process 13 after an unknown outcome, keeping its session.
    List<Operation> history = new VersionedOps()
        .write(3, "k", 5, 0, 10)
        .add(3, OpKind.WRITE, "k", null, INFO, 20, 30)
        .read(13, "k", 4, 40, 50)
        .list();
    assertThat(SessionChecker.check(history).valid()).as("one session per process").isTrue();
    SessionCheckResult joined = SessionChecker.check(history, process -> process % 10);
    assertThat(joined.sessions()).isEqualTo(1);
    assertThat(joined.violations()).containsExactly(new Violation(Guarantee.READ_YOUR_WRITES, 3, "k", 0, 5, 2, 4));
  }

  @Test
  void overlappingOperationsOfOneSessionAreRefused() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 30)
        .read(1, "k", 5, 20, 40)
        .list();
    assertThatThrownBy(() -> SessionChecker.check(history)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session 1 runs operations 0 and 1 at once (0 completes at 30, 1 is invoked at 20): a session "
            + "runs one operation at a time");
  }

  @Test
  void theSummaryNamesFiveViolationsThenCountsTheRest() {
    VersionedOps ops = new VersionedOps().write(1, "k", 100, 0, 10);
    for (int i = 1; i <= 7; i++) {
      ops.read(1, "k", 8 - i, 20 * i, 20 * i + 10);
    }
    SessionCheckResult result = SessionChecker.check(ops.list());
    // Each read is below the write, and each but the first below the read before it.
    assertThat(result.violationCount()).isEqualTo(7 + 6);
    assertThat(result.summary()).startsWith("FAILED: 13 session guarantee violations: read-your-writes: session 1")
        .endsWith("(operation 3) and 8 more").doesNotContain("\n");
    assertThat(result.summary().split("; ")).hasSize(5);
  }

  @Test
  void theResultKeepsAHundredViolationsButCountsThemAll() {
    VersionedOps ops = new VersionedOps().write(1, "k", 1_000, 0, 10);
    for (int i = 1; i <= 150; i++) {
      ops.read(2 + i, "k", 1, 20 * i, 20 * i + 10).write(2 + i, "k", 1, 20 * i + 10, 20 * i + 15);
    }
    SessionCheckResult result = SessionChecker.check(ops.list());
    assertThat(result.violationCount()).isEqualTo(150);
    assertThat(result.violations()).hasSize(100);
  }

  @Test
  void theResultSerialisesAsSnakeCaseJson() throws Exception {
    SessionCheckResult result = SessionChecker.check(new VersionedOps()
        .write(3, "k", 5, 0, 10)
        .read(3, "k", 4, 20, 30)
        .list());
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
    assertThat(json.get("valid").booleanValue()).isFalse();
    assertThat(json.get("reads_checked").intValue()).isEqualTo(1);
    assertThat(json.get("violation_count").intValue()).isEqualTo(1);
    JsonNode violation = json.get("violations").get(0);
    assertThat(violation.get("guarantee").textValue()).isEqualTo("read-your-writes");
    assertThat(violation.get("earlier_version").longValue()).isEqualTo(5);
    assertThat(violation.get("later_id").longValue()).isEqualTo(1);
  }

  // --- simulated store ---

  private static final long SIMULATION_SEED = 20261124;
  private static final int SIMULATIONS = 200;

  @Test
  void historiesOfAStoreThatKeepsSessionsAreValid() {
    for (int i = 0; i < SIMULATIONS; i++) {
      long seed = SIMULATION_SEED + i;
      List<Operation> history = VersionedStoreSimulation.run(seed, 4, 3, 300, Long.MAX_VALUE / 2);
      SessionCheckResult result = SessionChecker.check(history);
      assertThat(result.valid()).as("seed %d: %s", seed, result.summary()).isTrue();
      assertThat(result.readsChecked()).as("seed %d", seed).isPositive();
    }
  }

  @Test
  void oneStaleReadInASimulatedHistoryIsCaught() {
    for (int i = 0; i < SIMULATIONS; i++) {
      long seed = SIMULATION_SEED + i;
      SplittableRandom random = new SplittableRandom(seed);
      List<Operation> history = new ArrayList<>(VersionedStoreSimulation.run(seed, 4, 3, 300, Long.MAX_VALUE / 2));
      List<Integer> candidates = readsWithASessionFloor(history);
      assertThat(candidates).as("seed %d: no read to make stale", seed).isNotEmpty();
      int victim = candidates.get(random.nextInt(candidates.size()));
      Operation read = history.get(victim);
      long floor = sessionFloors(history).get(victim);
      Operation stale = new Operation(read.id(), read.process(), read.f(), read.key(), "stale", null,
          1 + random.nextLong(floor - 1), read.type(), read.invokeNanos(), read.completeNanos(), null);
      history.set(victim, stale);

      SessionCheckResult result = SessionChecker.check(history);
      assertThat(result.valid()).as("seed %d: read %d made stale (version %d, below %d)", seed, read.id(),
          stale.version(), floor).isFalse();
      assertThat(result.violations()).as("seed %d: %s", seed, result.summary())
          .allSatisfy(v -> assertThat(v.laterId()).isEqualTo(read.id()));
    }
  }

  /** Indexes of the ok reads whose session earlier wrote or read their key at a version of 2 or more. */
  private static List<Integer> readsWithASessionFloor(List<Operation> history) {
    Map<Integer, Long> floors = sessionFloors(history);
    return floors.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * For each ok read (by index), the highest version its process wrote or read (above 0) of its key before: what
   * the session guarantees promise it. Worked out here from the history, apart from the checker.
   */
  private static Map<Integer, Long> sessionFloors(List<Operation> history) {
    Map<String, Long> highest = new HashMap<>();
    Map<Integer, Long> floors = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      Operation operation = history.get(i);
      if (operation.type() != OK || operation.version() == null || operation.f() == OpKind.ADD) {
        continue;
      }
      String processKey = operation.process() + "/" + operation.key();
      if (operation.f() == OpKind.READ && highest.containsKey(processKey)) {
        floors.put(i, highest.get(processKey));
      }
      if (operation.version() > 0) {
        highest.merge(processKey, operation.version(), Math::max);
      }
    }
    return floors;
  }
}
