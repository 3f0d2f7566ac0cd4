package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read consistency levels on a real 3-node cluster through HTTP and the CLI (issue #5): each level is served where it
 * should be, replies state what they guarantee, session tokens travel between processes, bad levels and tokens are
 * refused. Every node holds a replica of every shard here (3 replicas on 3 nodes), so each node can serve locally.
 */
class ReadConsistencyClusterTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  static ProcessCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ProcessCluster(dir, 3);
    cluster.startAll();
    cluster.awaitAllReady();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  static ProcessCluster.Reply get(int node, String key, Map<String, String> headers) throws Exception {
    return cluster.request(node, "GET", "/v1/kv/default/" + key, null, headers);
  }

  @Test
  void writeReplyCarriesRevisionSessionAndDurability() throws Exception {
    ProcessCluster.Reply put = cluster.put(1, "default", "w1", "v");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(put.headers()).containsEntry("tutti-durability", "majority-fsync").containsKey("tutti-revision")
        .containsKey("tutti-served-by");
    assertThat(put.headers().get("tutti-session")).matches("[A-Za-z0-9_-]{10,}");
    assertThat(put.json().path("session").asText()).isEqualTo(put.headers().get("tutti-session"));
  }

  @Test
  void sessionReadOnAnyNodeSeesTheSessionsOwnWrite() throws Exception {
    for (int round = 0; round < 5; round++) {
      String value = "value-" + round;
      ProcessCluster.Reply put = cluster.put(1 + round % 3, "default", "ryw", value);
      String token = put.headers().get("tutti-session");
      for (int node = 1; node <= 3; node++) {
        ProcessCluster.Reply read = get(node, "ryw",
            Map.of("Tutti-Consistency", "session", "Tutti-Session", token));
        assertThat(read.status()).as("node %d round %d: %s", node, round, read.text()).isEqualTo(200);
        assertThat(read.text()).as("read-your-writes on node %d round %d", node, round).isEqualTo(value);
        assertThat(read.headers().get("tutti-consistency")).isIn("session", "linearizable");
        assertThat(Long.parseLong(read.headers().get("tutti-revision")))
            .isGreaterThanOrEqualTo(Long.parseLong(put.headers().get("tutti-revision")));
        assertThat(read.headers().get("tutti-session")).isNotEmpty();
      }
    }
  }

  @Test
  void eventualReadIsServedByTheReceivingNodesOwnReplica() throws Exception {
    cluster.put(2, "default", "ev", "settled");
    for (int node = 1; node <= 3; node++) {
      int n = node;
      // Eventual: the value reaches every replica, but not necessarily before the put returned. Wait for it.
      await("node " + n + " applies the write").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> "settled".equals(get(n, "ev", Map.of("Tutti-Consistency", "eventual")).text()));
      ProcessCluster.Reply read = get(n, "ev", Map.of("Tutti-Consistency", "eventual"));
      assertThat(read.headers()).containsEntry("tutti-consistency", "eventual")
          .containsEntry("tutti-served-by", "n" + n);
    }
  }

  @Test
  void boundedReadReflectsEveryWriteAcknowledgedMoreThanTheBoundAgo() throws Exception {
    for (int round = 0; round < 3; round++) {
      String value = "fresh-" + round;
      ProcessCluster.Reply put = cluster.put(1 + round, "default", "bd", value);
      assertThat(put.status()).isEqualTo(200);
      long ackedNanos = System.nanoTime();
      // The guarantee is about time: once the bound has passed since the write was acknowledged, every node's
      // bounded read must reflect it. The wait is the bound itself, not a guess at how long replication takes.
      await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(5))
          .until(() -> System.nanoTime() - ackedNanos >= Duration.ofMillis(250).toNanos());
      for (int node = 1; node <= 3; node++) {
        ProcessCluster.Reply read = get(node, "bd", Map.of("Tutti-Consistency", "bounded;ms=250"));
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.text()).as("node %d round %d", node, round).isEqualTo(value);
        assertThat(read.headers().get("tutti-consistency")).isIn("bounded;ms=250", "linearizable");
        assertThat(read.headers()).containsKey("tutti-revision").containsKey("tutti-served-by");
      }
    }
  }

  @Test
  void absentKeyAtAWeakLevelIsNotFoundWithTheSameHeaders() throws Exception {
    ProcessCluster.Reply read = get(2, "never-written", Map.of("Tutti-Consistency", "eventual"));
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.headers()).containsEntry("tutti-consistency", "eventual").containsKey("tutti-revision");
  }

  @Test
  void scanStatesHowEachShardWasRead() throws Exception {
    // One session across both writes: the second write carries the first one's token, so its token covers both.
    String first = cluster.put(1, "default", "scan-a", "1").headers().get("tutti-session");
    String token = cluster.request(1, "PUT", "/v1/kv/default/scan-b", "2".getBytes(StandardCharsets.UTF_8),
        Map.of("Tutti-Session", first)).headers().get("tutti-session");
    ProcessCluster.Reply scan = cluster.request(2, "GET", "/v1/kv/default?prefix=scan-", null,
        Map.of("Tutti-Consistency", "session", "Tutti-Session", token));
    assertThat(scan.status()).as(scan.text()).isEqualTo(200);
    JsonNode body = scan.json();
    assertThat(body.path("items")).hasSize(2);
    assertThat(body.path("shards").size()).isEqualTo(3);
    long newestRevision = 0;
    for (JsonNode shard : body.path("shards")) {
      assertThat(shard.path("consistency").asText()).isIn("session", "linearizable");
      assertThat(shard.path("revision").asLong()).isNotNegative(); // 0: a shard nothing was written to yet
      newestRevision = Math.max(newestRevision, shard.path("revision").asLong());
    }
    for (JsonNode item : body.path("items")) {
      assertThat(newestRevision).isGreaterThanOrEqualTo(item.path("version").asLong());
    }
    assertThat(scan.headers()).containsKey("tutti-consistency").containsKey("tutti-session");
  }

  @Test
  void badLevelsAndTokensAreRefusedWithOneClearError() throws Exception {
    for (String level : new String[] {"strongest", "bounded", "bounded;ms=0", "bounded;ms=abc", "eventual;ms=5"}) {
      ProcessCluster.Reply reply = get(1, "k", Map.of("Tutti-Consistency", level));
      assertThat(reply.status()).as(level).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(reply.json().path("error").path("message").asText()).contains("bounded;ms=N");
    }
    for (String token : new String[] {"not-a-token", "AAAA", "!!"}) {
      ProcessCluster.Reply read = get(1, "k", Map.of("Tutti-Consistency", "session", "Tutti-Session", token));
      assertThat(read.status()).as(token).isEqualTo(400);
      assertThat(read.errorCode()).isEqualTo("INVALID_ARGUMENT");
      ProcessCluster.Reply write = cluster.request(1, "PUT", "/v1/kv/default/bad-token",
          "x".getBytes(StandardCharsets.UTF_8), Map.of("Tutti-Session", token));
      assertThat(write.status()).as(token).isEqualTo(400);
    }
    assertThat(cluster.get(1, "default", "bad-token").status()).as("nothing written").isEqualTo(404);
  }

  @Test
  void sessionTokenTravelsBetweenCliProcesses() throws Exception {
    String endpoints = cluster.clientAddress(1);
    ProcessCluster.Run put = ProcessCluster.runTutti(60, "kv", "put", "default", "shared", "from-a",
        "--endpoints", endpoints);
    assertThat(put.exitCode()).as(put.output()).isZero();
    String token = put.output().lines().filter(line -> line.startsWith("session ")).findFirst().orElseThrow()
        .substring("session ".length()).trim();

    ProcessCluster.Run get = ProcessCluster.runTutti(60, "kv", "get", "default", "shared", "--consistency", "session",
        "--session", token, "--endpoints", cluster.clientAddress(3), "-v");
    assertThat(get.exitCode()).as(get.output()).isZero();
    assertThat(get.output()).startsWith("from-a").contains("session ");

    ProcessCluster.Run bad = ProcessCluster.runTutti(60, "kv", "get", "default", "shared", "--consistency", "newest",
        "--endpoints", endpoints);
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.output()).contains("bounded;ms=N").doesNotContain("Exception");
  }
}
