/**
 * JMH micro-benchmarks of Tutti's hot paths: command encoding ({@link io.tutti.jmh.KvCodecBenchmark}), the state
 * machine's apply ({@link io.tutti.jmh.KvApplyBenchmark}) and the leader's write batching
 * ({@link io.tutti.jmh.ShardBatcherBenchmark}). Run with {@code ./tutti jmh} (any JMH option after it, e.g.
 * {@code ./tutti jmh KvApply -f 1}). Figures go to docs/benchmarks.md with the command and the machine.
 */
package io.tutti.jmh;
