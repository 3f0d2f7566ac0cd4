package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.List;

/** Builds small histories by hand: each call adds one operation of its own process, ids in call order. */
final class Ops {
  private final List<Operation> operations = new ArrayList<>();

  Ops write(String key, String value, OpType type, long invoke, long complete) {
    return add(OpKind.WRITE, key, value, null, type, invoke, complete);
  }

  Ops read(String key, String value, long invoke, long complete) {
    return add(OpKind.READ, key, value, null, OpType.OK, invoke, complete);
  }

  Ops cas(String key, String expected, String value, OpType type, long invoke, long complete) {
    return add(OpKind.CAS, key, value, expected, type, invoke, complete);
  }

  Ops create(String key, String value, OpType type, long invoke, long complete) {
    return add(OpKind.CREATE, key, value, null, type, invoke, complete);
  }

  Ops delete(String key, OpType type, long invoke, long complete) {
    return add(OpKind.DELETE, key, null, null, type, invoke, complete);
  }

  Ops append(String key, String suffix, OpType type, long invoke, long complete) {
    return add(OpKind.APPEND, key, suffix, null, type, invoke, complete);
  }

  Ops add(OpKind f, String key, String value, String expected, OpType type, long invoke, long complete) {
    int id = operations.size();
    operations.add(new Operation(id, id + 1, f, key, value, expected, null, type, invoke, complete,
        type == OpType.INFO ? "OUTCOME_UNKNOWN" : null));
    return this;
  }

  List<Operation> list() {
    return List.copyOf(operations);
  }

  Operation get(int id) {
    return operations.get(id);
  }
}
