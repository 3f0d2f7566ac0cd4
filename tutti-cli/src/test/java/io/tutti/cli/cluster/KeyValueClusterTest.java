package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Key-value behaviour of a real 3-node cluster (separate processes on loopback), through HTTP/JSON. Issue #2. */
class KeyValueClusterTest {
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

  @Test
  void anyNodeServesAWriteAndAReadOfAnyKey() throws Exception {
    ProcessCluster.Reply put = cluster.put(1, "default", "hello", "world");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(put.headers()).containsEntry("tutti-durability", "majority-fsync").containsKey("tutti-revision")
        .containsKey("tutti-served-by");
    long version = put.json().path("version").asLong();
    assertThat(put.headers().get("etag")).isEqualTo("\"" + version + "\"");

    ProcessCluster.Reply get = cluster.get(3, "default", "hello");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.text()).isEqualTo("world");
    assertThat(get.headers()).containsEntry("tutti-consistency", "linearizable")
        .containsEntry("etag", "\"" + version + "\"");
    assertThat(Long.parseLong(get.headers().get("tutti-revision"))).isGreaterThanOrEqualTo(version);
  }

  @Test
  void versionsOnlyGrowAcrossDeleteAndRecreate() throws Exception {
    long first = cluster.put(2, "default", "grow", "a").json().path("version").asLong();
    long second = cluster.put(3, "default", "grow", "b").json().path("version").asLong();
    ProcessCluster.Reply deleted = cluster.request(1, "DELETE", "/v1/kv/default/grow", null, Map.of());
    assertThat(deleted.json().path("existed").asBoolean()).isTrue();
    assertThat(cluster.get(2, "default", "grow").status()).isEqualTo(404);
    long third = cluster.put(1, "default", "grow", "c").json().path("version").asLong();
    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
  }

  @Test
  void compareAndSetAndCreateOnlyFollowTheVersion() throws Exception {
    long version = cluster.put(1, "default", "cas", "v1").json().path("version").asLong();
    ProcessCluster.Reply lost = cluster.request(2, "PUT", "/v1/kv/default/cas", bytes("x"),
        Map.of("If-Match", "\"" + (version + 1000) + "\""));
    assertThat(lost.status()).isEqualTo(412);
    assertThat(lost.errorCode()).isEqualTo("VERSION_MISMATCH");
    assertThat(cluster.get(3, "default", "cas").text()).isEqualTo("v1");

    ProcessCluster.Reply won = cluster.request(2, "PUT", "/v1/kv/default/cas", bytes("v2"),
        Map.of("If-Match", "\"" + version + "\""));
    assertThat(won.status()).isEqualTo(200);
    assertThat(cluster.get(3, "default", "cas").text()).isEqualTo("v2");

    ProcessCluster.Reply createExisting = cluster.request(1, "PUT", "/v1/kv/default/cas", bytes("v3"),
        Map.of("If-None-Match", "*"));
    assertThat(createExisting.status()).isEqualTo(412);
    ProcessCluster.Reply createNew = cluster.request(1, "PUT", "/v1/kv/default/cas-new", bytes("n"),
        Map.of("If-None-Match", "*"));
    assertThat(createNew.status()).isEqualTo(200);
  }

  /** Many clients race compare-and-sets on one key: for each version exactly one wins. */
  @Test
  void concurrentCompareAndSetsHaveExactlyOneWinnerPerVersion() throws Exception {
    long version = cluster.put(1, "default", "race", "0").json().path("version").asLong();
    int clients = 8;
    int rounds = 15;
    Map<Long, List<String>> winnersByVersion = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      for (int round = 0; round < rounds; round++) {
        long expected = version;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProcessCluster.Reply>> replies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          String value = "r" + round + "c" + c;
          int node = 1 + c % 3;
          replies.add(pool.submit(() -> {
            go.await();
            return cluster.request(node, "PUT", "/v1/kv/default/race", bytes(value),
                Map.of("If-Match", "\"" + expected + "\""));
          }));
        }
        go.countDown();
        long next = -1;
        for (int c = 0; c < clients; c++) {
          ProcessCluster.Reply reply = replies.get(c).get(60, TimeUnit.SECONDS);
          if (reply.status() == 200) {
            winnersByVersion.computeIfAbsent(expected, v -> new ArrayList<>()).add("c" + c);
            next = reply.json().path("version").asLong();
          } else {
            assertThat(reply.status()).as(reply.text()).isEqualTo(412);
          }
        }
        assertThat(winnersByVersion.get(expected)).as("winners of version %d", expected).hasSize(1);
        version = next;
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(winnersByVersion).hasSize(rounds);
  }

  @Test
  void scanReturnsKeysInOrderAcrossShardsPageByPage() throws Exception {
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < 57; i++) {
      String key = String.format("scan/%03d", i);
      expected.add(key);
      assertThat(cluster.put(1 + i % 3, "default", key, "v" + i).status()).isEqualTo(200);
    }
    cluster.put(1, "default", "scan0-outside-prefix", "x");
    List<String> seen = new ArrayList<>();
    String after = "";
    for (int page = 0; page < 20; page++) {
      JsonNode body = cluster.request(2, "GET", "/v1/kv/default?prefix=scan/&limit=10&after="
          + java.net.URLEncoder.encode(after, StandardCharsets.UTF_8), null, Map.of()).json();
      body.path("items").forEach(item -> seen.add(item.path("key").asText()));
      assertThat(body.path("items").size()).isLessThanOrEqualTo(10);
      if (body.path("next").isNull()) {
        break;
      }
      after = body.path("next").asText();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void keyspacesCanBeCreatedListedAndDropped() throws Exception {
    ProcessCluster.Reply created = cluster.request(1, "POST", "/v1/keyspaces",
        bytes("{\"name\":\"orders\",\"shards\":3}"), Map.of("Content-Type", "application/json"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().path("replicas").asInt()).isEqualTo(3);
    cluster.awaitReady(1, 2, 3);
    assertThat(cluster.put(3, "orders", "o1", "paid").status()).isEqualTo(200);
    assertThat(cluster.get(2, "orders", "o1").text()).isEqualTo("paid");
    assertThat(cluster.request(2, "GET", "/v1/keyspaces", null, Map.of()).text()).contains("\"orders\"");

    ProcessCluster.Reply duplicate = cluster.request(2, "POST", "/v1/keyspaces", bytes("{\"name\":\"orders\"}"),
        Map.of());
    assertThat(duplicate.status()).isEqualTo(409);

    assertThat(cluster.request(3, "DELETE", "/v1/keyspaces/orders", null, Map.of()).status()).isEqualTo(200);
    // Linearizable: once the drop is acknowledged, every node answers NOT_FOUND at once, also a node whose metadata
    // has not applied the drop yet, because the drop first retired every shard through its own log.
    for (int node = 1; node <= 3; node++) {
      ProcessCluster.Reply read = cluster.get(node, "orders", "o1");
      assertThat(read.status()).as("read through n%d after the drop: %s", node, read.text()).isEqualTo(404);
      assertThat(read.errorCode()).isEqualTo("NOT_FOUND");
      ProcessCluster.Reply write = cluster.put(node, "orders", "o2", "late");
      assertThat(write.status()).as("write through n%d after the drop: %s", node, write.text()).isEqualTo(404);
    }
  }

  @Test
  void apKeyspacesAreRefusedAsNotSupportedYet() throws Exception {
    ProcessCluster.Reply reply = cluster.request(1, "POST", "/v1/keyspaces",
        bytes("{\"name\":\"carts\",\"mode\":\"ap\"}"), Map.of());
    assertThat(reply.status()).isEqualTo(501);
    assertThat(reply.errorCode()).isEqualTo("NOT_SUPPORTED");
    assertThat(reply.json().path("error").path("message").asText()).contains("not supported yet");
  }

  @Test
  void clusterStatusNamesEveryShardsLeaderAndReplicas() throws Exception {
    JsonNode status = cluster.clusterStatus(2);
    assertThat(status.path("members")).hasSize(3);
    status.path("members").forEach(member -> assertThat(member.path("live").asBoolean()).isTrue());
    JsonNode shards = status.path("shards");
    int declared = 0;
    for (JsonNode keyspace : status.path("keyspaces")) {
      declared += keyspace.path("shards").asInt();
    }
    assertThat(shards.size()).isEqualTo(declared).isGreaterThanOrEqualTo(3);
    for (JsonNode shard : shards) {
      assertThat(shard.path("replicas")).hasSize(3);
      assertThat(shard.path("leader").asText()).isIn("n1", "n2", "n3");
    }
    // Each shard's preferred leader takes over once it is caught up (Ratis leader priority).
    org.awaitility.Awaitility.await("leaders spread over the three nodes").atMost(java.time.Duration.ofSeconds(30))
        .until(() -> cluster.leaderCounts(1).keySet().size() == 3);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
