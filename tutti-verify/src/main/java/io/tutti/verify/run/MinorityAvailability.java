package io.tutti.verify.run;

import io.tutti.client.ClusterInfo;
import io.tutti.client.GetResult;
import io.tutti.client.Routing;
import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.placement.Sharding;
import io.tutti.core.read.Consistency;
import io.tutti.verify.cluster.NodeProcesses;
import io.tutti.verify.net.Network;
import io.tutti.verify.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Shows, on the real cluster, what each read level does on the minority side of a partition (issue #5): a follower
 * cut off from the rest keeps answering {@code eventual} reads, answers {@code bounded} reads while its last proof
 * of freshness is within their bound and refuses them after, and never answers a {@code linearizable} read.
 *
 * <p>Before the partition it writes a key, waits until the follower has it, and makes one bounded read there (which
 * gives the follower its proof, begun at or after that read was sent). Then it isolates the follower and, for
 * {@link #WINDOW}, reads the key through that node alone at each level. Judged:
 * <ul>
 *   <li>every eventual read succeeds with the value written;
 *   <li>every bounded read that completed within {@link #BOUND} of the first bounded read's start succeeds, and every
 *       one sent more than {@link #BOUND} after the partition began fails;
 *   <li>every linearizable read fails with NO_QUORUM, UNAVAILABLE or OUTCOME_UNKNOWN.
 * </ul>
 */
final class MinorityAvailability {
  static final Duration WINDOW = Duration.ofSeconds(7);
  static final Duration BOUND = Duration.ofMillis(3000);
  static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
  static final String KEY = "verify/minority-availability";

  /** One read of the probe. */
  record Read(String level, long invokeMs, long completeMs, boolean ok, String outcome) {}

  private MinorityAvailability() {}

  /** Runs the probe and returns its verdict ({@code valid}, {@code summary}, the reads); heals the network after. */
  static Map<String, Object> run(NodeProcesses nodes, Network network, TuttiClient admin)
      throws InterruptedException {
    String value = "minority-" + System.nanoTime();
    admin.put(Workload.KEYSPACE, KEY, value);
    int follower = followerOfTheKeysShard(admin, nodes.size());
    List<Read> reads = new ArrayList<>();
    long origin = System.nanoTime();
    try (TuttiClient alone = TuttiClient.builder().endpoints(nodes.clientAddress(follower))
        .routing(Routing.ENDPOINTS).maxAttempts(1).requestTimeout(REQUEST_TIMEOUT).build()) {
      awaitValue(alone, value);
      Consistency bounded = Consistency.bounded(BOUND.toMillis());
      long proofSentMs = ms(origin);
      Read first = read(alone, bounded, "bounded", origin, value);
      reads.add(first);
      List<Set<Integer>> halves = List.of(Set.of(follower), others(follower, nodes.size()));
      network.partition(halves);
      long partitionMs = ms(origin);
      try {
        while (System.nanoTime() - origin < TimeUnit.MILLISECONDS.toNanos(partitionMs) + WINDOW.toNanos()) {
          reads.add(read(alone, Consistency.EVENTUAL, "eventual", origin, value));
          reads.add(read(alone, bounded, "bounded", origin, value));
          reads.add(read(alone, Consistency.LINEARIZABLE, "linearizable", origin, value));
        }
      } finally {
        network.heal();
      }
      return verdict(follower, first, proofSentMs, partitionMs, reads);
    }
  }

  static Map<String, Object> verdict(int follower, Read first, long proofSentMs, long partitionMs, List<Read> reads) {
    List<String> problems = new ArrayList<>();
    if (!first.ok()) {
      problems.add("the bounded read before the partition failed: " + first.outcome());
    }
    int eventualOk = 0;
    int boundedOkInBound = 0;
    int boundedRefusedAfter = 0;
    int linearizableRefused = 0;
    for (Read read : reads.subList(1, reads.size())) {
      switch (read.level()) {
        case "eventual" -> {
          if (read.ok()) {
            eventualOk++;
          } else {
            problems.add("eventual read at " + read.invokeMs() + " ms failed: " + read.outcome());
          }
        }
        case "bounded" -> {
          if (read.completeMs() <= proofSentMs + BOUND.toMillis()) {
            if (read.ok()) {
              boundedOkInBound++;
            } else {
              problems.add("bounded read within its bound (at " + read.invokeMs() + " ms) failed: " + read.outcome());
            }
          } else if (read.invokeMs() > partitionMs + BOUND.toMillis()) {
            if (read.ok()) {
              problems.add("bounded read at " + read.invokeMs() + " ms, beyond the bound of any proof, answered");
            } else {
              boundedRefusedAfter++;
            }
          }
        }
        default -> {
          if (read.ok()) {
            problems.add("linearizable read at " + read.invokeMs() + " ms answered on the minority side");
          } else if (!Set.of("NO_QUORUM", "UNAVAILABLE", "OUTCOME_UNKNOWN").contains(read.outcome())) {
            problems.add("linearizable read failed with " + read.outcome());
          } else {
            linearizableRefused++;
          }
        }
      }
    }
    if (eventualOk == 0 || boundedOkInBound == 0 || boundedRefusedAfter == 0 || linearizableRefused == 0) {
      problems.add(String.format("too few reads to judge: %d eventual ok, %d bounded ok within the bound, %d bounded "
          + "refused after it, %d linearizable refused", eventualOk, boundedOkInBound, boundedRefusedAfter,
          linearizableRefused));
    }
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", problems.isEmpty());
    verdict.put("summary", problems.isEmpty()
        ? String.format("ok (n%d cut off: %d eventual reads answered, %d bounded reads answered within %d ms and %d "
            + "refused after, %d linearizable reads refused)", follower, eventualOk, boundedOkInBound,
            BOUND.toMillis(), boundedRefusedAfter, linearizableRefused)
        : "FAILED: " + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
            + (problems.size() > 5 ? " and " + (problems.size() - 5) + " more" : ""));
    verdict.put("follower", "n" + follower);
    verdict.put("bound_ms", BOUND.toMillis());
    verdict.put("partition_at_ms", partitionMs);
    verdict.put("reads", reads);
    return verdict;
  }

  private static Read read(TuttiClient client, Consistency level, String name, long origin, String expected) {
    long invoke = ms(origin);
    try {
      GetResult result = client.get(Workload.KEYSPACE, KEY, level);
      boolean right = result.found() && expected.equals(result.valueAsString());
      return new Read(name, invoke, ms(origin), right, right ? "ok at " + result.servedAt() : "wrong value");
    } catch (TuttiClientException e) {
      return new Read(name, invoke, ms(origin), false, e.code().name());
    }
  }

  private static void awaitValue(TuttiClient alone, String value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (value.equals(alone.get(Workload.KEYSPACE, KEY, Consistency.EVENTUAL).valueAsString())) {
          return;
        }
      } catch (TuttiClientException e) {
        if (e.code() != ErrorCode.NOT_FOUND && System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the follower did not apply the probe's write within 30 s");
      }
      Thread.sleep(50); // pause between attempts of a bounded wait for replication
    }
  }

  /** A node (1..N) that holds a replica of the key's shard but does not lead it. */
  private static int followerOfTheKeysShard(TuttiClient admin, int size) {
    ClusterInfo status = admin.clusterStatus();
    int shards = (int) status.shards().stream().filter(s -> s.keyspace().equals(Workload.KEYSPACE)).count();
    int shard = Sharding.shardOf(KEY.getBytes(StandardCharsets.UTF_8), shards);
    ClusterInfo.Shard placement = status.shards().stream()
        .filter(s -> s.keyspace().equals(Workload.KEYSPACE) && s.shard() == shard).findFirst().orElseThrow();
    for (String replica : placement.replicas()) {
      if (!replica.equals(placement.leader())) {
        return Integer.parseInt(replica.substring(1));
      }
    }
    throw new IllegalStateException("shard " + shard + " has no follower among " + placement.replicas()
        + " (" + size + " nodes)");
  }

  private static Set<Integer> others(int node, int size) {
    Set<Integer> rest = new java.util.TreeSet<>();
    for (int i = 1; i <= size; i++) {
      if (i != node) {
        rest.add(i);
      }
    }
    return rest;
  }

  private static long ms(long originNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
  }
}
