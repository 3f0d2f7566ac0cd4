package io.tutti.verify.checker;

import io.tutti.verify.history.Operation;

/**
 * A sequential specification: what a correct single copy of the object would do. The checker looks for an order
 * of the operations, consistent with real time, in which every operation is {@link #legal} in the state the ones
 * before it left.
 *
 * <p>States must be immutable values with {@code equals} and {@code hashCode}: the checker memoises the states it
 * has reached. A state may be null (for a register, null is "absent").
 *
 * @param <S> the state of the object
 */
public interface Model<S> {
  /** The state before the first operation. */
  S initialState();

  /**
   * Whether {@code operation} has to be (ok, or a failure that observed the state) or may be (info) placed in the
   * order at all. False for operations that constrain nothing: a read without a result, a write that definitely
   * did not happen. Throws {@link IllegalArgumentException} for an operation this model does not describe.
   */
  boolean constrains(Operation operation);

  /** Whether {@code operation}, placed when the object is in {@code state}, agrees with what its client was told. */
  boolean legal(S state, Operation operation);

  /** The state after {@code operation} is placed in {@code state}; called only when {@link #legal} holds. */
  S apply(S state, Operation operation);

  /**
   * Whether {@code operation} only observes: {@link #apply} returns the state it is given whenever the operation is
   * legal. Such an operation, when it may be left out, can be dropped without changing any verdict; the explainer
   * uses that to search less. False, the default, is always safe.
   */
  default boolean observesOnly(Operation operation) {
    return false;
  }
}
