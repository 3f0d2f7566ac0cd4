package io.tutti.verify.workload;

import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One client of a verify run: a thread's own {@link TuttiClient} (bound to a home node), its random source, and the
 * Jepsen process number its operations are recorded under. After an operation with an unknown outcome the process
 * number changes (a new process, {@code + stride}), because the old operation may still take effect: one process
 * never has two operations pending.
 */
public final class ClientProcess {
  /** What this client last saw of a key: its value (null = absent) and version. */
  public record Known(String value, long version) {}

  private final TuttiClient client;
  private final Recorder recorder;
  private final Random random;
  private final int stride;
  private final Map<String, Known> known = new HashMap<>();
  private int process;
  private long sequence;

  public ClientProcess(int process, int stride, TuttiClient client, Recorder recorder, long seed) {
    this.process = process;
    this.stride = stride;
    this.client = client;
    this.recorder = recorder;
    this.random = new Random(seed);
  }

  public TuttiClient client() {
    return client;
  }

  public Random random() {
    return random;
  }

  public int process() {
    return process;
  }

  /** A value no other operation of the run writes: {@code p<process>-<n>}. */
  public String uniqueValue() {
    return "p" + process + "-" + (++sequence);
  }

  public Known known(String key) {
    return known.get(key);
  }

  public void remember(String key, Known value) {
    known.put(key, value);
  }

  public void forget(String key) {
    known.remove(key);
  }

  public long now() {
    return recorder.now();
  }

  /** Records an operation of this process; an {@code info} one moves the client to a new process number. */
  public Operation record(OpKind f, String key, String value, String expected, OpType type, long invokeNanos,
      String error) {
    return record(f, key, value, expected, null, type, invokeNanos, error);
  }

  /** As {@link #record(OpKind, String, String, String, OpType, long, String)}, with the version (null: unknown). */
  public Operation record(OpKind f, String key, String value, String expected, Long version, OpType type,
      long invokeNanos, String error) {
    Operation operation = recorder.record(process, f, key, value, expected, version, type, invokeNanos,
        recorder.now(), error);
    if (type == OpType.INFO) {
      process += stride;
    }
    return operation;
  }

  /**
   * The outcome of a write that threw: {@code fail} only when the error proves it was not applied (a condition that
   * did not hold, a request the node refused to look at); everything else may have been applied, so {@code info}.
   */
  public static OpType writeFailure(RuntimeException e) {
    if (e instanceof TuttiClientException failure) {
      return switch (failure.code()) {
        case VERSION_MISMATCH, ALREADY_EXISTS, INVALID_ARGUMENT, TOO_LARGE, NOT_FOUND, PERMISSION_DENIED,
             UNAUTHENTICATED, METHOD_NOT_ALLOWED, NOT_SUPPORTED -> OpType.FAIL;
        case RATE_LIMITED, NO_QUORUM, UNAVAILABLE, OUTCOME_UNKNOWN, INTERNAL -> OpType.INFO;
      };
    }
    return OpType.INFO;
  }

  /** The error code of {@code e} as recorded in the history. */
  public static String errorName(RuntimeException e) {
    return e instanceof TuttiClientException failure ? failure.code().name() : e.getClass().getSimpleName();
  }

  public static boolean is(RuntimeException e, ErrorCode code) {
    return e instanceof TuttiClientException failure && failure.code() == code;
  }
}
