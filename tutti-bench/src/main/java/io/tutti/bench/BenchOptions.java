package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.time.Duration;
import java.util.Objects;

/**
 * One benchmark run, validated as a whole when built: any value out of its bound is an INVALID_ARGUMENT naming the
 * option. {@code rateOpsPerSecond} 0 means closed loop; above 0, open loop at that total rate. Each of the
 * {@code clients} has {@code inflight} operations outstanding at a time, each sent by its own worker thread, so
 * {@link #workers()} = clients × inflight. {@code keyspace} is Tutti's; etcd and Redis have none.
 */
public record BenchOptions(Target target, Workload workload, int clients, int inflight, long keys,
    int valueSizeBytes, KeyDistribution distribution, Duration duration, Duration warmup, long rateOpsPerSecond,
    Consistency consistency, String keyspace, long seed) {
  public static final int CLIENTS_MAX = 1024;
  public static final int INFLIGHT_MAX = 256;
  /** Every worker is a platform thread: clients × inflight of them. */
  public static final int WORKERS_MAX = 4096;
  public static final long KEYS_MAX = 100_000_000L;
  public static final int VALUE_SIZE_MAX_BYTES = 1 << 20;
  public static final Duration DURATION_MAX = Duration.ofHours(1);
  public static final Duration WARMUP_MAX = Duration.ofMinutes(10);
  public static final long RATE_MAX_OPS_PER_SECOND = 10_000_000L;
  public static final int KEYSPACE_NAME_MAX_CHARS = 63;

  public BenchOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(consistency, "consistency");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(keyspace, "keyspace");
    require(clients >= 1 && clients <= CLIENTS_MAX, "--clients must be 1..%d, got %d", CLIENTS_MAX, clients);
    require(inflight >= 1 && inflight <= INFLIGHT_MAX, "--inflight must be 1..%d, got %d", INFLIGHT_MAX, inflight);
    require((long) clients * inflight <= WORKERS_MAX,
        "--clients × --inflight must be at most %d (a thread each), got %d × %d", WORKERS_MAX, clients, inflight);
    require(keys >= 1 && keys <= KEYS_MAX, "--keys must be 1..%d, got %d", KEYS_MAX, keys);
    require(valueSizeBytes >= 0 && valueSizeBytes <= VALUE_SIZE_MAX_BYTES, "--value-size must be 0..%d bytes, got %d",
        VALUE_SIZE_MAX_BYTES, valueSizeBytes);
    require(duration.isPositive() && duration.compareTo(DURATION_MAX) <= 0,
        "--duration must be more than 0 and at most %d seconds, got %s", DURATION_MAX.toSeconds(), seconds(duration));
    require(!warmup.isNegative() && warmup.compareTo(WARMUP_MAX) <= 0, "--warmup must be 0..%d seconds, got %s",
        WARMUP_MAX.toSeconds(), seconds(warmup));
    require(rateOpsPerSecond >= 0 && rateOpsPerSecond <= RATE_MAX_OPS_PER_SECOND,
        "--rate must be 1..%d operations per second, got %d", RATE_MAX_OPS_PER_SECOND, rateOpsPerSecond);
    require(!keyspace.isBlank() && keyspace.length() <= KEYSPACE_NAME_MAX_CHARS,
        "--keyspace must be a keyspace name of 1..%d characters, got '%s'", KEYSPACE_NAME_MAX_CHARS, keyspace);
    Consistency.requireOffered(consistency, target);
  }

  /** Worker threads in the run: {@code clients × inflight}. */
  public int workers() {
    return clients * inflight;
  }

  public boolean openLoop() {
    return rateOpsPerSecond > 0;
  }

  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
        : String.format(java.util.Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }

  private static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, format, args);
    }
  }
}
