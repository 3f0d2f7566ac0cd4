/**
 * Checkers: did the guarantees hold in a recorded history?
 *
 * <p>{@link io.tutti.verify.checker.LinearizabilityChecker} decides whether a key-value history is linearizable.
 * The history is split per key (linearizability is compositional) and each key is searched independently, in
 * parallel, by {@code LinearizationSearch}: the Wing–Gong search for an order of the operations that respects
 * real time and the sequential {@link io.tutti.verify.checker.Model}, with Lowe's memo of every (set of decided
 * operations, state) already explored. Rules that matter for correctness:
 * <ul>
 *   <li>an info operation may take effect at any time after its invocation, or never: it stays pending to the end
 *       and may be left out of the order;
 *   <li>a failed cas or create observed the state and must be ordered like a read; a failed write, delete or
 *       append, and a read without a result, constrain nothing and are dropped;
 *   <li>an invocation and a completion at the same instant count as concurrent;
 *   <li>a key cut short by its time budget (or the global one, or the memo's memory limit) is UNKNOWN, and the
 *       history is never called linearizable then.
 * </ul>
 * For a violation, {@code ExplanationFinder} shrinks the bad key to a few operations that cannot be ordered
 * whichever of the others took effect, so the explanation is a proof, not a guess.
 *
 * <p>{@link io.tutti.verify.checker.SetChecker} checks the set workload: no acknowledged add lost, nothing
 * unexpected. {@link io.tutti.verify.checker.VerifyCheck} is {@code tutti verify check FILE...}.
 */
package io.tutti.verify.checker;
