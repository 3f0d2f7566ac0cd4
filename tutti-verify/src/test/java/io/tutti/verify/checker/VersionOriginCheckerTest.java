package io.tutti.verify.checker;

import static io.tutti.verify.history.OpType.FAIL;
import static io.tutti.verify.history.OpType.INFO;
import static io.tutti.verify.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.verify.checker.VersionOriginCheckResult.UnwrittenRead;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** No read returns a version nobody wrote, at any level (issue "Read consistency levels, portable session tokens"). */
class VersionOriginCheckerTest {
  @Test
  void readsOfWrittenVersionsAndAbsentReadsAreValid() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .add(1, OpKind.CAS, "k", 9L, OK, 20, 30)
        .read(2, "k", 5, 5, 15) // concurrent with its write
        .read(2, "k", 9, 40, 50)
        .read(2, "k", 0, 60, 70)
        .read(2, "j", 0, 60, 70)
        .list();
    VersionOriginCheckResult result = VersionOriginChecker.check(history);
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.readsChecked()).isEqualTo(2);
    assertThat(result.summary()).isEqualTo("ok (every one of 2 reads returned a version a write produced)");
  }

  @Test
  void aVersionNoWriteOfTheKeyProducedIsCaught() {
    List<Operation> history = new VersionedOps()
        .write(1, "k", 5, 0, 10)
        .write(1, "j", 6, 0, 10)
        .read(2, "k", 6, 20, 30) // another key's version
        .read(2, "k", 7, 20, 30)
        .list();
    VersionOriginCheckResult result = VersionOriginChecker.check(history);
    assertThat(result.violations()).containsExactly(new UnwrittenRead(2, 2, "k", 6), new UnwrittenRead(3, 2, "k", 7));
    assertThat(result.summary()).isEqualTo("FAILED: 2 reads of versions no write produced: read 2 of key k returned "
        + "version 6; read 3 of key k returned version 7");
  }

  @Test
  void aVersionFromAWriteInvokedAfterTheReadCompletedIsCaught() {
    List<Operation> history = new VersionedOps()
        .read(2, "k", 5, 0, 10)
        .write(1, "k", 5, 11, 20)
        .list();
    assertThat(VersionOriginChecker.check(history).violations()).extracting(UnwrittenRead::readId)
        .containsExactly(0L);
  }

  @Test
  void aWriteOfUnknownVersionMayExplainAnyVersionButAFailedOneNone() {
    List<Operation> unknown = new VersionedOps()
        .add(1, OpKind.WRITE, "k", null, INFO, 0, 10)
        .read(2, "k", 42, 20, 30)
        .list();
    assertThat(VersionOriginChecker.check(unknown).valid()).isTrue();
    List<Operation> failed = new VersionedOps()
        .add(1, OpKind.WRITE, "k", 42L, FAIL, 0, 10)
        .read(2, "k", 42, 20, 30)
        .list();
    assertThat(VersionOriginChecker.check(failed).valid()).isFalse();
  }

  @Test
  void historiesOfASimulatedStoreAreValidAndOneMadeUpVersionIsCaught() {
    long firstSeed = 20261127;
    for (long seed = firstSeed; seed < firstSeed + 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Operation> history = new ArrayList<>(VersionedStoreSimulation.run(seed, 4, 3, 300, 60));
      VersionOriginCheckResult result = VersionOriginChecker.check(history);
      assertThat(result.valid()).as("seed %d: %s", seed, result.summary()).isTrue();

      long highest = history.stream().filter(o -> o.version() != null).mapToLong(Operation::version).max()
          .orElse(0);
      List<Integer> candidates = new ArrayList<>();
      for (int index = 0; index < history.size(); index++) {
        Operation operation = history.get(index);
        if (VersionBounds.isCheckedRead(operation) && !anUnknownWriteMayPrecede(history, operation)) {
          candidates.add(index);
        }
      }
      assertThat(candidates).as("seed %d: no read to change", seed).isNotEmpty();
      int victim = candidates.get(random.nextInt(candidates.size()));
      Operation read = history.get(victim);
      history.set(victim, new Operation(read.id(), read.process(), read.f(), read.key(), "made up", null,
          highest + 1 + random.nextInt(10), OK, read.invokeNanos(), read.completeNanos(), null));
      VersionOriginCheckResult changed = VersionOriginChecker.check(history);
      assertThat(changed.violations()).as("seed %d: %s", seed, changed.summary())
          .extracting(UnwrittenRead::readId).containsExactly(read.id());
    }
  }

  /** Whether a write of {@code read}'s key whose version nobody knows was invoked before the read completed. */
  private static boolean anUnknownWriteMayPrecede(List<Operation> history, Operation read) {
    return history.stream().anyMatch(o -> VersionBounds.writes(o.f()) && o.key().equals(read.key())
        && o.type() != FAIL && (o.type() == INFO || o.version() == null)
        && o.invokeNanos() <= read.completeNanos());
  }
}
