package io.tutti.verify.run;

import io.tutti.client.Routing;
import io.tutti.client.TuttiClient;
import io.tutti.verify.cluster.NodeProcesses;
import io.tutti.verify.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After healing: does the cluster work again? Every node must become ready and then serve a write and a read, each
 * through that node alone, within a bound. A cluster that stays unavailable after the faults are gone fails this
 * checker even if no acknowledged data was lost. (What the read returns is the other checkers' business: under
 * {@code --unsafe-local-reads} it may well be stale.)
 */
record Liveness(boolean valid, double recoverySeconds, List<String> failures) {
  static Liveness check(NodeProcesses nodes, Duration readyBound, Duration serveBound) throws InterruptedException {
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    try {
      nodes.awaitAllReady(readyBound);
    } catch (IllegalStateException e) {
      failures.add(e.getMessage());
    }
    long deadline = System.nanoTime() + serveBound.toNanos();
    for (int node = 1; node <= nodes.size(); node++) {
      String failure = serveThrough(nodes, node, deadline);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return new Liveness(failures.isEmpty(), (System.nanoTime() - start) / 1e9, List.copyOf(failures));
  }

  /** A write and a read through {@code node} until both succeed or {@code deadlineNanos}; null when they did. */
  private static String serveThrough(NodeProcesses nodes, int node, long deadlineNanos) throws InterruptedException {
    String key = "verify/live/" + NodeProcesses.nodeId(node);
    String last = "no attempt";
    try (TuttiClient client = TuttiClient.builder().endpoints(nodes.clientAddress(node)).routing(Routing.ENDPOINTS)
        .requestTimeout(Duration.ofSeconds(5)).build()) {
      // At least one attempt per node, however long the nodes before it took.
      for (int attempt = 0; attempt == 0 || System.nanoTime() < deadlineNanos; attempt++) {
        try {
          client.put(Workload.KEYSPACE, key, "live-" + attempt);
          client.get(Workload.KEYSPACE, key);
          return null;
        } catch (RuntimeException e) {
          last = e.getMessage();
        }
        Thread.sleep(200); // pause between attempts of a bounded retry loop
      }
    }
    return NodeProcesses.nodeId(node) + " did not serve a write and a read: " + last;
  }

  String summary() {
    return valid ? String.format("ok (every node served a write and a read %.1f s after healing)", recoverySeconds)
        : "FAILED: " + String.join("; ", failures);
  }

  Map<String, Object> asVerdict() {
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", valid);
    verdict.put("summary", summary());
    verdict.put("recovery_seconds", Math.round(recoverySeconds * 10) / 10.0);
    verdict.put("failures", failures);
    return verdict;
  }
}
