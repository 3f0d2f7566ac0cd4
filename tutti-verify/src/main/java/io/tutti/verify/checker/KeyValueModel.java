package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.Objects;

/**
 * One key of a key-value store: a register holding a string, or absent (null). The history is split per key
 * before checking, so one model instance describes every key.
 *
 * <table>
 *   <caption>What each operation requires and does</caption>
 *   <tr><th>operation</th><th>legal when</th><th>state after</th></tr>
 *   <tr><td>read ok</td><td>state = value</td><td>unchanged</td></tr>
 *   <tr><td>write ok/info</td><td>always</td><td>value</td></tr>
 *   <tr><td>delete ok/info</td><td>always</td><td>absent</td></tr>
 *   <tr><td>append ok/info</td><td>always</td><td>state (absent = "") + value</td></tr>
 *   <tr><td>cas ok/info</td><td>state = expected</td><td>value</td></tr>
 *   <tr><td>cas fail</td><td>state &ne; expected</td><td>unchanged</td></tr>
 *   <tr><td>create ok/info</td><td>absent</td><td>value</td></tr>
 *   <tr><td>create fail</td><td>present</td><td>unchanged</td></tr>
 * </table>
 * Reads that failed or timed out, and writes, deletes and appends that failed, constrain nothing and are left out.
 * An info operation is checked as if it succeeded; the checker may also leave it out (it never took effect).
 */
public final class KeyValueModel implements Model<String> {
  private final String initialValue;

  private KeyValueModel(String initialValue) {
    this.initialValue = initialValue;
  }

  /** Every key starts absent: Tutti and Jepsen histories. */
  public static KeyValueModel startingAbsent() {
    return new KeyValueModel(null);
  }

  /** Every key starts holding {@code initialValue} (null = absent); Porcupine's kv histories start at "". */
  public static KeyValueModel startingAt(String initialValue) {
    return new KeyValueModel(initialValue);
  }

  @Override
  public String initialState() {
    return initialValue;
  }

  @Override
  public boolean constrains(Operation operation) {
    return switch (operation.f()) {
      case READ -> operation.type() == OpType.OK;
      case WRITE, DELETE, APPEND -> operation.type() != OpType.FAIL;
      case CAS, CREATE -> true;
      case ADD -> throw notForThisModel(operation);
    };
  }

  @Override
  public boolean legal(String state, Operation operation) {
    boolean failed = operation.type() == OpType.FAIL;
    return switch (operation.f()) {
      case READ -> Objects.equals(state, operation.value());
      case WRITE, DELETE, APPEND -> true;
      case CAS -> Objects.equals(state, operation.expected()) != failed;
      case CREATE -> (state == null) != failed;
      case ADD -> throw notForThisModel(operation);
    };
  }

  @Override
  public String apply(String state, Operation operation) {
    if (operation.type() == OpType.FAIL) {
      return state;
    }
    return switch (operation.f()) {
      case READ -> state;
      case WRITE, CAS, CREATE -> operation.value();
      case DELETE -> null;
      case APPEND -> (state == null ? "" : state) + operation.value();
      case ADD -> throw notForThisModel(operation);
    };
  }

  @Override
  public boolean observesOnly(Operation operation) {
    return operation.f() == OpKind.READ || operation.type() == OpType.FAIL;
  }

  private static IllegalArgumentException notForThisModel(Operation operation) {
    return new IllegalArgumentException("operation " + operation.id() + " is a set add: it belongs to the "
        + "SetChecker, not to a key-value linearizability check");
  }
}
