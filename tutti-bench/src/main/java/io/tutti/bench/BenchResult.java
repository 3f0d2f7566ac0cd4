package io.tutti.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a run measured: the latency of every successful operation in the measured window (microseconds), failures by
 * kind, open-loop operations never sent, open-loop operations sent late (more than {@link Worker#LATE_SEND_NANOS}
 * after their intended time) and the largest such lag, and the window's length. {@code ops} counts successes only.
 * {@code completedPerSecond[i]} is the number of successful operations, warmup included, that completed in second i
 * of the run (from the start of the warmup); seconds past the end hold operations sent before it.
 */
public record BenchResult(String driver, BenchOptions options, Histogram latencyMicros, SortedMap<String, Long> errors,
    long unsent, long lateSends, long sendLagMaxNanos, long measuredNanos, long preloadedKeys, long[] completedPerSecond) {
  public BenchResult {
    errors = new TreeMap<>(errors);
    completedPerSecond = completedPerSecond.clone();
  }

  @Override
  public long[] completedPerSecond() {
    return completedPerSecond.clone();
  }

  /** Successful operations of the whole run, warmup and stragglers included: the sum of {@link #completedPerSecond}. */
  public long completedTotal() {
    return Arrays.stream(completedPerSecond).sum();
  }

  public long ops() {
    return latencyMicros.getTotalCount();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public double opsPerSecond() {
    return measuredNanos == 0 ? 0 : ops() * 1e9 / measuredNanos;
  }

  /** Latency at {@code percentile} (0..100) in milliseconds; 0 when nothing succeeded. */
  public double latencyMs(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxLatencyMs() {
    return latencyMicros.getMaxValue() / 1000.0;
  }

  /** The errors as an unmodifiable map, for reports. */
  public Map<String, Long> errorsByKind() {
    return java.util.Collections.unmodifiableSortedMap(errors);
  }
}
