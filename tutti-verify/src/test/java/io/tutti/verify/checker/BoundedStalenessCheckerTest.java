package io.tutti.verify.checker;

import static io.tutti.verify.history.OpType.FAIL;
import static io.tutti.verify.history.OpType.INFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.verify.checker.BoundedStalenessCheckResult.StaleRead;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reads at level {@code bounded;ms=N} (issue "Read consistency levels, portable session tokens"). */
class BoundedStalenessCheckerTest {
  private static final long MS = 1_000_000;
  private static final Duration BOUND = Duration.ofMillis(50);

  @Test
  void readsThatReflectEveryWriteOlderThanTheBoundAreValid() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 90 * MS, 100 * MS)
        .read(2, "k", 0, 120 * MS, 121 * MS) // the write completed 20 ms before: not due yet
        .read(2, "k", 5, 200 * MS, 201 * MS)
        .read(3, "j", 0, 200 * MS, 201 * MS) // never written
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, history);
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.readsChecked()).isEqualTo(3);
    assertThat(result.boundNanos()).isEqualTo(50 * MS);
    assertThat(result.summary()).isEqualTo("ok (3 reads reflect every write completed 50 ms before them)");
  }

  @Test
  void aReadMissingAWriteOlderThanTheBoundIsStale() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 3, 0, 10 * MS)
        .write(1, "k", 5, 90 * MS, 100 * MS)
        .read(2, "k", 3, 200 * MS, 201 * MS)
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, history);
    assertThat(result.valid()).isFalse();
    assertThat(result.violations()).containsExactly(new StaleRead(2, 2, "k", 3, 1, 5, 100.0));
    assertThat(result.summary()).isEqualTo("FAILED: 1 read staler than 50 ms: read 2 of key k returned version 3, "
        + "100.0 ms after write 1 made version 5");
  }

  @Test
  void theWriteNamedIsTheFirstToCompleteAboveTheVersionRead() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 90 * MS, 100 * MS)
        .write(1, "k", 7, 140 * MS, 150 * MS)
        .read(2, "k", 5, 300 * MS, 301 * MS)
        .read(2, "k", 3, 310 * MS, 311 * MS)
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, history);
    assertThat(result.violations()).extracting(StaleRead::readId, StaleRead::missedWriteId, StaleRead::missedVersion,
        StaleRead::stalenessMillis).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, 1L, 7L, 150.0),
            org.assertj.core.groups.Tuple.tuple(3L, 0L, 5L, 210.0));
  }

  @Test
  void aWriteCompletedExactlyTheBoundBeforeTheReadIsNotYetDue() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 100 * MS)
        .read(2, "k", 0, 150 * MS, 151 * MS)
        .read(2, "k", 0, 150 * MS + 1, 151 * MS)
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, history);
    assertThat(result.violations()).extracting(StaleRead::readId).containsExactly(2L);
  }

  @Test
  void aZeroBoundDemandsEveryWriteCompletedBeforeTheRead() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .read(2, "k", 0, 5, 15) // concurrent with the write
        .read(2, "k", 0, 20, 25)
        .list();
    assertThat(BoundedStalenessChecker.check(Duration.ZERO, history).violations()).extracting(StaleRead::readId)
        .containsExactly(2L);
  }

  @Test
  void anAbsentReadMeetsTheBoundWhenADeleteMayExplainIt() {
    List<Operation> deleted = new VersionedOps()
        .write(1, "k", 5, 0, 10 * MS)
        .delete(1, "k", 8, 20 * MS, 30 * MS)
        .read(2, "k", 0, 200 * MS, 201 * MS)
        .list();
    assertThat(BoundedStalenessChecker.check(BOUND, deleted).valid()).isTrue();

    List<Operation> recreated = new VersionedOps()
        .delete(1, "k", 5, 0, 10 * MS)
        .write(1, "k", 8, 20 * MS, 30 * MS)
        .read(2, "k", 0, 200 * MS, 201 * MS)
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, recreated);
    assertThat(result.violations()).containsExactly(new StaleRead(2, 2, "k", 0, 1, 8, 170.0));
    assertThat(result.violations().getFirst().describe()).isEqualTo("read 2 of key k returned version 0 (absent), "
        + "170.0 ms after write 1 made version 8");
  }

  @Test
  void failedAndUnknownWritesAreNeverDue() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 3, 0, 10 * MS)
        .add(1, OpKind.WRITE, "k", null, INFO, 20 * MS, 30 * MS)
        .add(1, OpKind.WRITE, "k", 9L, INFO, 40 * MS, 50 * MS)
        .add(1, OpKind.WRITE, "k", null, FAIL, 60 * MS, 70 * MS)
        .add(2, OpKind.READ, "k", null, FAIL, 200 * MS, 201 * MS)
        .read(2, "k", 3, 300 * MS, 301 * MS)
        .list();
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, history);
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.readsChecked()).isEqualTo(1);
  }

  @Test
  void keysAreCheckedApart() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 9, 0, 10 * MS)
        .write(1, "j", 4, 0, 10 * MS)
        .read(2, "j", 4, 200 * MS, 201 * MS)
        .list();
    assertThat(BoundedStalenessChecker.check(BOUND, history).valid()).isTrue();
  }

  @Test
  void aNegativeBoundIsRefused() {
    assertThatThrownBy(() -> BoundedStalenessChecker.check(Duration.ofMillis(-1), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }

  @Test
  void theResultSerialisesAsSnakeCaseJson() throws Exception {
    BoundedStalenessCheckResult result = BoundedStalenessChecker.check(BOUND, new VersionedOps()
        .write(1, "k", 5, 90 * MS, 100 * MS)
        .read(2, "k", 3, 200 * MS, 201 * MS)
        .list());
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
    assertThat(json.get("valid").booleanValue()).isFalse();
    assertThat(json.get("bound_ns").longValue()).isEqualTo(50 * MS);
    JsonNode stale = json.get("violations").get(0);
    assertThat(stale.get("read_id").longValue()).isEqualTo(1);
    assertThat(stale.get("version_read").longValue()).isEqualTo(3);
    assertThat(stale.get("missed_write_id").longValue()).isZero();
    assertThat(stale.get("staleness_ms").doubleValue()).isEqualTo(100.0);
  }

  // --- simulated store ---

  private static final long SIMULATION_SEED = 20261125;
  private static final int SIMULATIONS = 200;
  private static final long SIMULATED_BOUND_NANOS = 60;

  @Test
  void historiesOfAStoreThatKeepsTheBoundAreValid() {
    for (int i = 0; i < SIMULATIONS; i++) {
      long seed = SIMULATION_SEED + i;
      List<Operation> history = VersionedStoreSimulation.run(seed, 4, 3, 300, SIMULATED_BOUND_NANOS);
      BoundedStalenessCheckResult result = BoundedStalenessChecker.check(Duration.ofNanos(SIMULATED_BOUND_NANOS),
          history);
      assertThat(result.valid()).as("seed %d: %s", seed, result.summary()).isTrue();
      // The same history is stale for a tighter bound: the store did use its slack.
      assertThat(BoundedStalenessChecker.check(Duration.ZERO, history).valid()).as("seed %d", seed).isFalse();
    }
  }

  @Test
  void oneStaleReadInASimulatedHistoryIsCaught() {
    Duration bound = Duration.ofNanos(SIMULATED_BOUND_NANOS);
    for (int i = 0; i < SIMULATIONS; i++) {
      long seed = SIMULATION_SEED + i;
      SplittableRandom random = new SplittableRandom(seed);
      List<Operation> history = new ArrayList<>(VersionedStoreSimulation.run(seed, 4, 3, 300,
          SIMULATED_BOUND_NANOS));
      List<Integer> candidates = new ArrayList<>();
      for (int index = 0; index < history.size(); index++) {
        if (dueVersion(history, history.get(index)) >= 2) {
          candidates.add(index);
        }
      }
      assertThat(candidates).as("seed %d: no read to make stale", seed).isNotEmpty();
      int victim = candidates.get(random.nextInt(candidates.size()));
      Operation read = history.get(victim);
      long due = dueVersion(history, read);
      Operation stale = new Operation(read.id(), read.process(), read.f(), read.key(), "stale", null,
          1 + random.nextLong(due - 1), read.type(), read.invokeNanos(), read.completeNanos(), null);
      history.set(victim, stale);

      BoundedStalenessCheckResult result = BoundedStalenessChecker.check(bound, history);
      assertThat(result.violations()).as("seed %d: read %d made stale (version %d, %d due)", seed, read.id(),
          stale.version(), due).extracting(StaleRead::readId).containsExactly(read.id());
    }
  }

  /**
   * For an ok read with a version, the highest version of the ok writes of its key that completed more than the
   * simulated bound before it was invoked, worked out here apart from the checker; 0 for anything else.
   */
  private static long dueVersion(List<Operation> history, Operation read) {
    if (read.f() != OpKind.READ || read.type() != OpType.OK || read.version() == null) {
      return 0;
    }
    return history.stream()
        .filter(o -> o.f() != OpKind.READ && o.type() == OpType.OK && o.version() != null)
        .filter(o -> o.key().equals(read.key()) && o.completeNanos() < read.invokeNanos() - SIMULATED_BOUND_NANOS)
        .mapToLong(Operation::version).max().orElse(0);
  }
}
