package io.tutti.verify.workload;

import io.tutti.client.GetResult;
import io.tutti.client.PutResult;
import io.tutti.client.TuttiClient;
import io.tutti.core.error.ErrorCode;
import io.tutti.verify.checker.CheckResult;
import io.tutti.verify.checker.LinearizabilityChecker;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads, writes and compare-and-sets on a few hot keys, checked for linearizability.
 *
 * <p>The hot keys move on every {@code keyPeriod}: in period g they are {@code r<g>-0}, {@code r<g>-1}, ... (as
 * Jepsen's independent keys). Each key thus sees a bounded number of operations, which keeps the checker's search
 * small (the cost of proving a violation grows fast with the operations and unknown outcomes on one key), and every
 * period starts from absent keys, so create-only puts get exercised too.
 *
 * <p>Every write puts a value no other operation writes, so a value names the write that produced it. A
 * compare-and-set expects the value this client last saw (with its version) and is sent as a put on that version:
 * because versions only grow and values are unique, "the version is still V" is "the value is still the one written
 * at V", so the history records it as a compare-and-set on values. A client that last saw the key absent sends a
 * create-only put instead.
 */
public final class RegisterWorkload implements Workload {
  private final int keyCount;
  private final int readPercent;
  private final long keyPeriodNanos;
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  /**
   * @param keyCount how many hot keys at a time (fewer keys, more contention)
   * @param readPercent the share of reads; the rest is split between writes and compare-and-sets
   * @param keyPeriod how long a set of hot keys is used before the next one
   */
  public RegisterWorkload(int keyCount, int readPercent, Duration keyPeriod) {
    if (keyCount < 1 || readPercent < 0 || readPercent > 100 || keyPeriod.toMillis() < 100) {
      throw new IllegalArgumentException("keys must be >= 1, read percent 0..100 and the key period >= 100 ms, got "
          + keyCount + ", " + readPercent + " and " + keyPeriod.toMillis() + " ms");
    }
    this.keyCount = keyCount;
    this.readPercent = readPercent;
    this.keyPeriodNanos = keyPeriod.toNanos();
  }

  /** The hot keys at {@code nanos} since the run started. */
  public List<String> keysAt(long nanos) {
    long period = nanos / keyPeriodNanos;
    List<String> keys = new ArrayList<>(keyCount);
    for (int i = 0; i < keyCount; i++) {
      keys.add("r" + period + "-" + i);
    }
    return keys;
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  public void step(ClientProcess client) {
    List<String> keys = keysAt(client.now());
    String key = keys.get(client.random().nextInt(keys.size()));
    used.add(key);
    int roll = client.random().nextInt(100);
    ClientProcess.Known known = client.known(key);
    if (roll < readPercent) {
      read(client, key);
    } else if (roll < readPercent + (100 - readPercent) / 2) {
      write(client, key);
    } else if (known == null) {
      read(client, key); // a compare-and-set needs a value seen first
    } else if (known.value() == null) {
      create(client, key);
    } else {
      compareAndSet(client, key, known);
    }
  }

  static Operation read(ClientProcess client, String key) {
    long invoke = client.now();
    try {
      GetResult result = client.client().get(KEYSPACE, key);
      String value = result.found() ? result.valueAsString() : null;
      client.remember(key, new ClientProcess.Known(value, result.version()));
      return client.record(OpKind.READ, key, value, null, OpType.OK, invoke, null);
    } catch (RuntimeException e) {
      return client.record(OpKind.READ, key, null, null, OpType.FAIL, invoke, ClientProcess.errorName(e));
    }
  }

  private static void write(ClientProcess client, String key) {
    update(client, OpKind.WRITE, key, null, value -> client.client().put(KEYSPACE, key, value),
        e -> ClientProcess.writeFailure(e) == OpType.FAIL);
  }

  private static void compareAndSet(ClientProcess client, String key, ClientProcess.Known known) {
    update(client, OpKind.CAS, key, known.value(),
        value -> client.client().putIfVersion(KEYSPACE, key, value, known.version()),
        e -> ClientProcess.is(e, ErrorCode.VERSION_MISMATCH));
  }

  private static void create(ClientProcess client, String key) {
    // An existing key fails the condition "absent": the server says VERSION_MISMATCH.
    update(client, OpKind.CREATE, key, null, value -> client.client().putIfAbsent(KEYSPACE, key, value),
        e -> ClientProcess.is(e, ErrorCode.VERSION_MISMATCH) || ClientProcess.is(e, ErrorCode.ALREADY_EXISTS));
  }

  /**
   * Puts a fresh unique value with {@code put} and records the outcome. A failed compare-and-set or create is an
   * observation (the value was not the expected one), so only errors that prove exactly that ({@code definite}) are
   * recorded as {@code fail}; any other error may hide an applied write and is {@code info}.
   */
  private static void update(ClientProcess client, OpKind kind, String key, String expected,
      java.util.function.Function<String, PutResult> put, java.util.function.Predicate<RuntimeException> definite) {
    String value = client.uniqueValue();
    long invoke = client.now();
    try {
      PutResult result = put.apply(value);
      client.record(kind, key, value, expected, OpType.OK, invoke, null);
      client.remember(key, new ClientProcess.Known(value, result.version()));
    } catch (RuntimeException e) {
      client.record(kind, key, value, expected, definite.test(e) ? OpType.FAIL : OpType.INFO, invoke,
          ClientProcess.errorName(e));
      client.forget(key);
    }
  }

  @Override
  public void finalReads(TuttiClient tutti, List<String> nodeAddresses, Recorder recorder, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    ClientProcess reader = new ClientProcess(FINAL_READER_PROCESS, 1, tutti, recorder, 0);
    for (String key : new java.util.TreeSet<>(used)) {
      while (read(reader, key).type() != OpType.OK && System.nanoTime() < deadline) {
        Thread.sleep(200); // pause between attempts of a bounded retry loop
      }
    }
  }

  @Override
  public Map<String, Map<String, Object>> check(List<Operation> history, Duration budgetPerKey) {
    CheckResult result = new LinearizabilityChecker(budgetPerKey).check(history);
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", CheckSummaries.linearizable(result));
    verdict.put("summary", CheckSummaries.linearizability(result));
    verdict.put("result", Json.tree(result.toJson()));
    Map<String, Map<String, Object>> checkers = new LinkedHashMap<>();
    checkers.put("linearizability", verdict);
    return checkers;
  }
}
