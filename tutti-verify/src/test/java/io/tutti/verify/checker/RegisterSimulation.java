package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Histories of a real, sequential key-value store: step i takes effect at time {@code 100 * (i + 1)}, and its
 * client saw it invoked up to {@code before} earlier and complete up to {@code after} later, so concurrency windows
 * overlap at random. Whatever the windows, such a history is linearizable (the steps in order are a linearization).
 */
final class RegisterSimulation {
  static final long STEP_NANOS = 100;

  /**
   * One operation.
   *
   * @param expectCurrent for a cas: expect the current value (it succeeds) or another one (it fails)
   * @param outcome OK; FAIL (for write, delete, append: it did not happen); INFO (it happened or not, see
   *     {@code tookEffect})
   */
  record Step(OpKind f, int key, boolean expectCurrent, OpType outcome, boolean tookEffect, int before, int after) {}

  private RegisterSimulation() {}

  static List<Operation> run(List<Step> steps) {
    Map<String, String> store = new HashMap<>();
    List<Operation> history = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String key = "k" + step.key();
      String current = store.get(key);
      String value = "v" + i;
      long at = STEP_NANOS * (i + 1);
      long invoke = at - step.before();
      long complete = at + step.after();
      boolean applies = switch (step.outcome()) {
        case OK -> true;
        case FAIL -> false;
        case INFO -> step.tookEffect();
      };
      Operation operation = switch (step.f()) {
        case READ -> op(i, OpKind.READ, key, current, null, OpType.OK, invoke, complete);
        case WRITE, APPEND, DELETE -> {
          if (applies) {
            store.compute(key, (k, old) -> switch (step.f()) {
              case WRITE -> value;
              case APPEND -> (old == null ? "" : old) + value;
              default -> null;
            });
          }
          yield op(i, step.f(), key, step.f() == OpKind.DELETE ? null : value, null, step.outcome(), invoke, complete);
        }
        case CAS -> {
          String expected = step.expectCurrent() ? current : "other" + i;
          boolean matches = Objects.equals(expected, current);
          OpType type = step.outcome() == OpType.INFO ? OpType.INFO : matches ? OpType.OK : OpType.FAIL;
          if (matches && (type == OpType.OK || step.tookEffect())) {
            store.put(key, value);
          }
          yield op(i, OpKind.CAS, key, value, expected, type, invoke, complete);
        }
        case CREATE -> {
          boolean absent = current == null;
          OpType type = step.outcome() == OpType.INFO ? OpType.INFO : absent ? OpType.OK : OpType.FAIL;
          if (absent && (type == OpType.OK || step.tookEffect())) {
            store.put(key, value);
          }
          yield op(i, OpKind.CREATE, key, value, null, type, invoke, complete);
        }
        case ADD -> throw new IllegalArgumentException("no set adds in a register simulation");
      };
      history.add(operation);
    }
    return history;
  }

  /** {@code count} random steps on {@code keys} keys with windows up to {@code windowMax} on either side. */
  static List<Operation> random(long seed, int count, int keys, int windowMax) {
    SplittableRandom random = new SplittableRandom(seed);
    OpKind[] kinds = {OpKind.READ, OpKind.READ, OpKind.WRITE, OpKind.CAS, OpKind.CAS, OpKind.CREATE, OpKind.DELETE,
        OpKind.APPEND};
    OpType[] outcomes = {OpType.OK, OpType.OK, OpType.OK, OpType.FAIL, OpType.INFO};
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      steps.add(new Step(kinds[random.nextInt(kinds.length)], random.nextInt(keys), random.nextBoolean(),
          outcomes[random.nextInt(outcomes.length)], random.nextBoolean(), random.nextInt(windowMax + 1),
          random.nextInt(windowMax + 1)));
    }
    return run(steps);
  }

  private static Operation op(int i, OpKind f, String key, String value, String expected, OpType type, long invoke,
      long complete) {
    return new Operation(i, i, f, key, value, expected, null, type, invoke, complete, null);
  }
}
