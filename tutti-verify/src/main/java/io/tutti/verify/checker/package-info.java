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
 *
 * <p>The weaker read levels are checked from the versions a history records, not by search: each is a few passes
 * over the operations. {@link io.tutti.verify.checker.SessionChecker}: within a session, on each key, reads and
 * writes never go back (read-your-writes, monotonic reads and writes, writes-follow-reads).
 * {@link io.tutti.verify.checker.BoundedStalenessChecker}: a read reflects every write completed more than the bound
 * before it. {@link io.tutti.verify.checker.ConvergenceChecker}: after healing, every node's eventual reads agree
 * with the linearizable ones. {@link io.tutti.verify.checker.VersionOriginChecker}: no read returns a version no
 * write produced. All of them take the reading of versions from {@code VersionBounds}: only ok operations with a
 * version count, and a read of version 0 may stand for any delete that could have preceded it, so that none of
 * them reports what the store did not do.
 */
package io.tutti.verify.checker;
