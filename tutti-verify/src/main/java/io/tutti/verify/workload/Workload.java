package io.tutti.verify.workload;

import io.tutti.client.TuttiClient;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the clients of a verify run do, and how the result is judged. A workload is shared by all client threads;
 * per-client state lives in {@link ClientProcess}.
 */
public interface Workload {
  /** The keyspace every operation uses. */
  String KEYSPACE = "default";

  /** The process number of the final reads after healing, apart from every client's. */
  int FINAL_READER_PROCESS = 1_000_000;

  String name();

  /** Performs one operation for {@code client} and records it. Never throws for an operating condition. */
  void step(ClientProcess client);

  /**
   * After the nemesis healed everything: the final reads, recorded in the history through {@code client} (bound to
   * any live node), retried until {@code bound}. {@code nodeAddresses} are the client addresses of nodes 1..N, for
   * workloads that read each node alone.
   */
  void finalReads(TuttiClient client, List<String> nodeAddresses, Recorder recorder, Duration bound)
      throws InterruptedException;

  /**
   * Runs this workload's checkers on the whole history; each entry of the result is one checker's verdict, as
   * JSON-friendly values, with the key {@code valid} (Boolean) and {@code summary} (one line for the screen).
   */
  Map<String, Map<String, Object>> check(List<Operation> history, Duration budgetPerKey);
}
