/**
 * Histories: what clients asked, what they were told, and when.
 *
 * <p>An {@link io.tutti.verify.history.Operation} is one record per operation (not an invoke and a completion
 * event), with the client's view of its outcome: {@code ok} (took effect, or observed), {@code fail} (definitely
 * changed nothing; a failed cas or create still observed the state) and {@code info} (unknown: the operation may
 * take effect at any time after its invocation, or never). Times are monotonic nanoseconds since the start of
 * the run, taken on the client.
 *
 * <p>Tutti writes histories as JSON Lines with {@link io.tutti.verify.history.HistoryWriter}, which is safe to
 * share between client threads. {@link io.tutti.verify.history.HistoryFiles} reads them back, and also reads the
 * public corpora we test the checker against: Jepsen's etcd logs and Porcupine's kv histories, whose invoke and
 * completion lines are paired per process and whose line numbers stand in for times. Input that is not a history
 * fails with a {@link io.tutti.verify.history.HistoryFormatException} naming the file and line.
 */
package io.tutti.verify.history;
