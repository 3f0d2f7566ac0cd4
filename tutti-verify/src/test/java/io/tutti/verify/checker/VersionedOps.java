package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.List;

/** Builds small histories with versions by hand: each call adds one operation, ids in call order. */
final class VersionedOps {
  private final List<Operation> operations = new ArrayList<>();

  VersionedOps write(int process, String key, long version, long invoke, long complete) {
    return add(process, OpKind.WRITE, key, version, OpType.OK, invoke, complete);
  }

  VersionedOps delete(int process, String key, long version, long invoke, long complete) {
    return add(process, OpKind.DELETE, key, version, OpType.OK, invoke, complete);
  }

  VersionedOps read(int process, String key, long version, long invoke, long complete) {
    return add(process, OpKind.READ, key, version, OpType.OK, invoke, complete);
  }

  VersionedOps add(int process, OpKind f, String key, Long version, OpType type, long invoke, long complete) {
    boolean absent = f == OpKind.DELETE || (f == OpKind.READ && (version == null || version == 0));
    String value = absent ? null : "v" + version;
    operations.add(new Operation(operations.size(), process, f, key, value, null, version, type, invoke, complete,
        type == OpType.INFO ? "OUTCOME_UNKNOWN" : null));
    return this;
  }

  List<Operation> list() {
    return List.copyOf(operations);
  }
}
