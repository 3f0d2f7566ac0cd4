package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A node joins a formed cluster with --join and takes replicas of keyspaces created afterwards. Issue #2, item 2. */
class JoinTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void joinedNodeHoldsAndLeadsShardsOfNewKeyspacesAndSurvivesARestart() throws Exception {
    try (ProcessCluster cluster = new ProcessCluster(dir, 4, 3)) {
      cluster.startAll();
      cluster.awaitAllReady();
      cluster.start(4);
      cluster.awaitReady(4);
      JsonNode members = cluster.clusterStatus(1).path("members");
      assertThat(members).hasSize(4);
      members.forEach(member -> assertThat(member.path("live").asBoolean()).as(member.toString()).isTrue());

      ProcessCluster.Reply created = cluster.request(4, "POST", "/v1/keyspaces",
          KeyValueClusterTest.bytes("{\"name\":\"grown\",\"shards\":4}"), Map.of());
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      JsonNode placement = null;
      for (JsonNode keyspace : cluster.clusterStatus(1).path("keyspaces")) {
        if (keyspace.path("name").asText().equals("grown")) {
          placement = keyspace.path("placement");
        }
      }
      assertThat(placement).isNotNull();
      int onN4 = 0;
      for (JsonNode shard : placement) {
        for (JsonNode replica : shard.path("replicas")) {
          onN4 += replica.asText().equals("n4") ? 1 : 0;
        }
      }
      assertThat(onN4).as("replicas of the new keyspace on the least loaded node, n4").isEqualTo(4);

      for (int i = 0; i < 40; i++) {
        assertThat(cluster.put(1 + i % 4, "grown", "k" + i, "v" + i).status()).isEqualTo(200);
      }
      await("n4 leads a shard it prefers").atMost(Duration.ofSeconds(30))
          .until(() -> cluster.leaderCounts(4).containsKey("n4"));
      for (int i = 0; i < 40; i++) {
        assertThat(cluster.get(4, "grown", "k" + i).text()).isEqualTo("v" + i);
      }

      cluster.kill9(4);
      cluster.start(4);
      cluster.awaitReady(4);
      for (int i = 0; i < 40; i++) {
        assertThat(cluster.get(4, "grown", "k" + i).text()).isEqualTo("v" + i);
      }
    }
  }
}
