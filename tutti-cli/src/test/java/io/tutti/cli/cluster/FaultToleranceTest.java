package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Durability and recovery of a real 3-node cluster under kill -9. Issue #2, item 6. */
class FaultToleranceTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void writesSucceedAgainWithinSecondsAfterKillingTheNodeThatLeadsMostShards() throws Exception {
    try (ProcessCluster cluster = new ProcessCluster(dir, 3)) {
      cluster.startAll();
      cluster.awaitAllReady();
      Map<String, String> acknowledged = new HashMap<>();
      for (int i = 0; i < 30; i++) {
        writeAcknowledged(cluster, 1 + i % 3, "before-" + i, "v" + i, acknowledged);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leaderCounts(1).size() == 3);
      String victim = cluster.leaderCounts(1).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
          .getKey();
      int victimIndex = Integer.parseInt(victim.substring(1));
      int survivor = victimIndex % 3 + 1;

      long killedAtNs = System.nanoTime();
      cluster.kill9(victimIndex);
      // Each write may wait for a new leader; the node's own deadline (10 s) bounds every attempt.
      for (int i = 0; i < 30; i++) {
        ProcessCluster.Reply reply = cluster.put(survivor, "default", "after-" + i, "w" + i);
        assertThat(reply.status()).as("write %d after killing %s: %s", i, victim, reply.text()).isEqualTo(200);
        acknowledged.put("after-" + i, "w" + i);
      }
      long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
      System.out.printf("30 writes through %s after kill -9 of %s took %d ms%n", "n" + survivor, victim, recoveredMs);
      assertThat(recoveredMs).as("writes through the survivors after kill -9 of the busiest leader")
          .isLessThan(20_000);
      assertAllReadable(cluster, survivor, acknowledged);

      cluster.start(victimIndex);
      cluster.awaitReady(victimIndex);
      assertAllReadable(cluster, victimIndex, acknowledged);
    }
  }

  @Test
  void everyAcknowledgedWriteIsReadableAfterAllNodesAreKilledAndRestarted() throws Exception {
    try (ProcessCluster cluster = new ProcessCluster(dir, 3)) {
      cluster.startAll();
      cluster.awaitAllReady();
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        running.add(writers.submit(() -> {
          for (int i = 0; i < 2000 && !stop.get(); i++) {
            String key = "w" + writer + "-" + i;
            try {
              ProcessCluster.Reply reply = cluster.put(1 + (writer + i) % 3, "default", key, "value-" + i);
              if (reply.status() == 200) {
                acknowledged.put(key, "value-" + i);
              }
            } catch (IOException e) {
              // the node died under the request: not acknowledged
            } catch (InterruptedException e) {
              return;
            }
          }
        }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
      for (int node = 1; node <= 3; node++) {
        cluster.kill9(node);
      }
      stop.set(true);
      for (Future<?> future : running) {
        future.get(60, TimeUnit.SECONDS);
      }
      writers.shutdownNow();
      Map<String, String> snapshot = new HashMap<>(acknowledged);
      System.out.printf("%d writes acknowledged before kill -9 of every node%n", snapshot.size());

      cluster.startAll();
      cluster.awaitAllReady();
      assertAllReadable(cluster, 2, snapshot);
    }
  }

  @Test
  void nodeThatMissedManyWritesCatchesUpThroughASnapshotInstall() throws Exception {
    // Three shards: placement makes n3 the preferred leader of one of them.
    try (ProcessCluster cluster = new ProcessCluster(dir, 3, "--snapshot-threshold-entries", "100",
        "--default-shards", "3")) {
      cluster.startAll();
      cluster.awaitAllReady();
      cluster.kill9(3);
      Map<String, String> acknowledged = new HashMap<>();
      for (int i = 0; i < 900; i++) {
        writeAcknowledged(cluster, 1 + i % 2, "catchup-" + i, "v" + i, acknowledged);
      }
      assertThat(snapshotFiles(cluster.dataDir(1))).as("leader snapshots (log compaction)").isNotEmpty();

      cluster.start(3);
      cluster.awaitReady(3);
      Map<String, Long> target = localRevisions(cluster, 1);
      await("n3 caught up to " + target).atMost(Duration.ofSeconds(60)).until(() -> {
        Map<String, Long> caughtUp = localRevisions(cluster, 3);
        return target.entrySet().stream().allMatch(e -> caughtUp.getOrDefault(e.getKey(), 0L) >= e.getValue());
      });
      assertThat(snapshotFiles(cluster.dataDir(3))).as("snapshots installed on n3").isNotEmpty();

      // Once caught up, n3 takes back the shard it is the preferred leader of (Ratis leader priority), so the reads
      // of that shard's keys are answered from the data n3 installed.
      await("n3 leads its preferred shard").atMost(Duration.ofSeconds(60))
          .until(() -> cluster.leaderCounts(3).containsKey("n3"));
      assertAllReadable(cluster, 3, acknowledged);
      long servedByN3 = 0;
      for (String key : acknowledged.keySet()) {
        if ("n3".equals(cluster.get(3, "default", key).headers().get("tutti-served-by"))) {
          servedByN3++;
        }
      }
      assertThat(servedByN3).as("reads answered by n3's own replica").isGreaterThan(100);
    }
  }

  private static void writeAcknowledged(ProcessCluster cluster, int node, String key, String value,
      Map<String, String> acknowledged) throws Exception {
    ProcessCluster.Reply reply = cluster.put(node, "default", key, value);
    assertThat(reply.status()).as("put %s: %s", key, reply.text()).isEqualTo(200);
    acknowledged.put(key, value);
  }

  private static void assertAllReadable(ProcessCluster cluster, int node, Map<String, String> acknowledged)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
      ProcessCluster.Reply reply = cluster.get(node, "default", entry.getKey());
      if (reply.status() != 200 || !reply.text().equals(entry.getValue())) {
        wrong.add(entry.getKey() + " -> " + reply.status() + " " + reply.text());
      }
    }
    assertThat(wrong).as("acknowledged writes not read back from n%d", node).isEmpty();
  }

  /** Group id to applied index of the shard replicas on {@code node}, from its own cluster status. */
  private static Map<String, Long> localRevisions(ProcessCluster cluster, int node) throws Exception {
    Map<String, Long> revisions = new HashMap<>();
    for (JsonNode shard : cluster.clusterStatus(node).path("shards")) {
      if (shard.path("revision").asLong() > 0) {
        revisions.put(shard.path("groupId").asText(), shard.path("revision").asLong());
      }
    }
    return revisions;
  }

  private static List<Path> snapshotFiles(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
      return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
    }
  }
}
