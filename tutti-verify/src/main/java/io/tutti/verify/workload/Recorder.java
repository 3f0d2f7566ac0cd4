package io.tutti.verify.workload;

import io.tutti.verify.history.HistoryWriter;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every client operation into the history: appended to the history file as it completes (so a crashed run
 * still leaves its history) and kept in memory for the checkers. Times are nanoseconds since the run started, from
 * one monotonic clock for every client.
 */
public final class Recorder {
  private final HistoryWriter writer;
  private final long startNanos;
  private final AtomicLong ids = new AtomicLong();
  private final List<Operation> operations = new ArrayList<>();

  public Recorder(HistoryWriter writer, long startNanos) {
    this.writer = writer;
    this.startNanos = startNanos;
  }

  /** Nanoseconds since the run started. */
  public long now() {
    return System.nanoTime() - startNanos;
  }

  /** Records an operation whose version is unknown (null); see the other {@code record}. */
  public Operation record(int process, OpKind f, String key, String value, String expected, OpType type,
      long invokeNanos, long completeNanos, String error) {
    return record(process, f, key, value, expected, null, type, invokeNanos, completeNanos, error);
  }

  /**
   * Records an operation, with the fields of {@link Operation} and a fresh id. {@code version}: for an ok read the
   * version read (0 = absent), for an ok write the key's new version, else null.
   */
  public Operation record(int process, OpKind f, String key, String value, String expected, Long version,
      OpType type, long invokeNanos, long completeNanos, String error) {
    Operation operation = new Operation(ids.getAndIncrement(), process, f, key, value, expected, version, type,
        invokeNanos, completeNanos, error);
    try {
      writer.append(operation);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the history", e);
    }
    synchronized (operations) {
      operations.add(operation);
    }
    return operation;
  }

  /** Every operation recorded so far, in completion order. */
  public List<Operation> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }
}
