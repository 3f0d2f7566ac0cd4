package io.tutti.verify.workload;

import io.tutti.client.GetResult;
import io.tutti.client.PutResult;
import io.tutti.client.Routing;
import io.tutti.client.TuttiClient;
import io.tutti.core.read.Consistency;
import io.tutti.verify.checker.BoundedStalenessChecker;
import io.tutti.verify.checker.ConvergenceChecker;
import io.tutti.verify.checker.SessionChecker;
import io.tutti.verify.checker.VersionOriginChecker;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts and reads at one consistency level below linearizable ({@code session}, {@code bounded} or {@code eventual}) on
 * a few keys, with every operation's version recorded, checked against that level's promise. Each client sends its
 * requests to its home node first, so reads are served by every node's own replica, followers included.
 *
 * <ul>
 *   <li>{@code session}: each client is one session (its {@link TuttiClient} keeps the token, also across the new
 *       process numbers an unknown outcome gives it); {@link SessionChecker} checks read-your-writes, monotonic reads,
 *       monotonic writes and writes-follow-reads per session.
 *   <li>{@code bounded}: reads at {@code bounded;ms=}{@link #BOUND}; {@link BoundedStalenessChecker} checks that each
 *       reflects every write acknowledged more than the bound before it began.
 *   <li>{@code eventual}: after healing, every node's eventual read of every key must come to agree with the
 *       linearizable read ({@link ConvergenceChecker}).
 * </ul>
 * Every level: no read returns a version no write produced ({@link VersionOriginChecker}). Writes are plain puts of
 * unique values (no deletes), so a key's versions only grow.
 */
public final class ReadLevelWorkload implements Workload {
  /** The bound of the {@code bounded} workload's reads. */
  public static final Duration BOUND = Duration.ofMillis(1000);

  private final Consistency level;
  private final int keyCount;
  private final int readPercent;
  private final int clients;
  private final Map<String, Long> linearizableFinal = new TreeMap<>();
  private final Map<String, Map<String, Long>> eventualFinal = new TreeMap<>();
  private final Map<String, Boolean> used = new ConcurrentHashMap<>();

  /**
   * @param name {@code session}, {@code bounded} or {@code eventual}
   * @param clients the number of clients, which is also the process stride of {@link ClientProcess}
   */
  public ReadLevelWorkload(String name, int keyCount, int readPercent, int clients) {
    this.level = switch (name) {
      case "session" -> Consistency.SESSION;
      case "bounded" -> Consistency.bounded(BOUND.toMillis());
      case "eventual" -> Consistency.EVENTUAL;
      default -> throw new IllegalArgumentException("no read-level workload named '" + name + "'");
    };
    if (keyCount < 1 || readPercent < 0 || readPercent > 100 || clients < 1) {
      throw new IllegalArgumentException("keys must be >= 1, read percent 0..100 and clients >= 1, got " + keyCount
          + ", " + readPercent + " and " + clients);
    }
    this.keyCount = keyCount;
    this.readPercent = readPercent;
    this.clients = clients;
  }

  @Override
  public String name() {
    return level.level().wireName();
  }

  /** The level the reads ask for. */
  public Consistency level() {
    return level;
  }

  /** The keys, {@code c0 .. c<keys-1>}. */
  public String key(int i) {
    return "c" + i;
  }

  @Override
  public void step(ClientProcess client) {
    String key = key(client.random().nextInt(keyCount));
    used.put(key, Boolean.TRUE);
    if (client.random().nextInt(100) < readPercent) {
      read(client, key, level);
    } else {
      write(client, key);
    }
  }

  static Operation read(ClientProcess client, String key, Consistency consistency) {
    long invoke = client.now();
    try {
      GetResult result = client.client().get(KEYSPACE, key, consistency);
      String value = result.found() ? result.valueAsString() : null;
      return client.record(OpKind.READ, key, value, null, result.version(), OpType.OK, invoke, null);
    } catch (RuntimeException e) {
      return client.record(OpKind.READ, key, null, null, null, OpType.FAIL, invoke, ClientProcess.errorName(e));
    }
  }

  private static void write(ClientProcess client, String key) {
    String value = client.uniqueValue();
    long invoke = client.now();
    try {
      PutResult result = client.client().put(KEYSPACE, key, value);
      client.record(OpKind.WRITE, key, value, null, result.version(), OpType.OK, invoke, null);
    } catch (RuntimeException e) {
      client.record(OpKind.WRITE, key, value, null, null, ClientProcess.writeFailure(e), invoke,
          ClientProcess.errorName(e));
    }
  }

  @Override
  public void finalReads(TuttiClient tutti, List<String> nodeAddresses, Recorder recorder, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    ClientProcess reader = new ClientProcess(FINAL_READER_PROCESS, 1, tutti, recorder, 0);
    for (String key : new java.util.TreeSet<>(used.keySet())) {
      Operation read;
      while ((read = read(reader, key, Consistency.LINEARIZABLE)).type() != OpType.OK
          && System.nanoTime() < deadline) {
        Thread.sleep(200); // pause between attempts of a bounded retry loop
      }
      if (read.type() == OpType.OK) {
        linearizableFinal.put(key, read.version());
      }
    }
    if (level.level() != Consistency.Level.EVENTUAL) {
      return;
    }
    // Every node, alone: its own replica's answer, until it matches the linearizable one or the bound passes.
    for (int node = 0; node < nodeAddresses.size(); node++) {
      String address = nodeAddresses.get(node);
      Map<String, Long> answers = new TreeMap<>();
      try (TuttiClient alone = TuttiClient.builder().endpoints(address).routing(Routing.ENDPOINTS).maxAttempts(1)
          .requestTimeout(Duration.ofSeconds(2)).build()) {
        ClientProcess nodeReader = new ClientProcess(FINAL_READER_PROCESS + 1 + node, 1, alone, recorder, 0);
        for (Map.Entry<String, Long> expected : linearizableFinal.entrySet()) {
          Long seen = null;
          while (true) {
            Operation read = read(nodeReader, expected.getKey(), Consistency.EVENTUAL);
            seen = read.type() == OpType.OK ? read.version() : seen;
            if (expected.getValue().equals(seen) || System.nanoTime() >= deadline) {
              break;
            }
            Thread.sleep(100); // pause between attempts of a bounded retry loop: replication is catching up
          }
          answers.put(expected.getKey(), seen);
        }
      }
      eventualFinal.put("n" + (node + 1), answers);
    }
  }

  @Override
  public Map<String, Map<String, Object>> check(List<Operation> history, Duration budgetPerKey) {
    List<Operation> clientOps = history.stream().filter(op -> op.process() < FINAL_READER_PROCESS).toList();
    Map<String, Map<String, Object>> checkers = new LinkedHashMap<>();
    switch (level.level()) {
      case SESSION -> {
        var result = SessionChecker.check(clientOps, process -> process % clients);
        checkers.put("session", verdict(result.valid(), result.summary(), result));
      }
      case BOUNDED -> {
        var result = BoundedStalenessChecker.check(BOUND, clientOps);
        checkers.put("bounded-staleness", verdict(result.valid(), result.summary(), result));
      }
      case EVENTUAL -> {
        var result = ConvergenceChecker.check(linearizableFinal, eventualFinal);
        checkers.put("convergence", verdict(result.valid() && !linearizableFinal.isEmpty(),
            linearizableFinal.isEmpty() ? "FAILED: no final linearizable read succeeded" : result.summary(), result));
      }
      case LINEARIZABLE -> throw new IllegalStateException("not a read-level workload");
    }
    var origin = VersionOriginChecker.check(history);
    checkers.put("version-origin", verdict(origin.valid(), origin.summary(), origin));
    return checkers;
  }

  private static Map<String, Object> verdict(boolean valid, String summary, Object result) {
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", valid);
    verdict.put("summary", summary);
    verdict.put("result", Json.tree(result));
    return verdict;
  }
}
