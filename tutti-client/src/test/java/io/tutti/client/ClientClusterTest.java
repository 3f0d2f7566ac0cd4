package io.tutti.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.tutti.core.error.ErrorCode;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import io.tutti.server.TuttiNode;
import io.tutti.server.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real 3-node cluster in this JVM, on free loopback ports. */
class ClientClusterTest {
  static final String KEYSPACE = "e2e";
  static final List<TuttiNode> NODES = new ArrayList<>();
  static final List<String> ENDPOINTS = new ArrayList<>();
  static TuttiClient tutti;

  @TempDir
  static Path data;

  @BeforeAll
  static void startCluster() throws IOException {
    int[] clientPorts = freePorts(3);
    int[] peerPorts = freePorts(3);
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      members.append(i > 0 ? "," : "").append("n").append(i + 1).append("=127.0.0.1:").append(peerPorts[i]);
    }
    for (int i = 0; i < 3; i++) {
      ConfigLoader.Settings settings = new ConfigLoader.Settings();
      settings.nodeId = "n" + (i + 1);
      settings.dataDir = data.resolve("n" + (i + 1)).toString();
      settings.clientAddress = "127.0.0.1:" + clientPorts[i];
      settings.peerAddress = "127.0.0.1:" + peerPorts[i];
      settings.initialMembers = members.toString();
      settings.defaultShards = 3;
      settings.electionTimeoutMinMs = 300;
      settings.electionTimeoutMaxMs = 600;
      NODES.add(TuttiNode.start(ConfigLoader.load(null, settings)));
      ENDPOINTS.add(settings.clientAddress);
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> NODES.stream().allMatch(TuttiNode::isReady));
    tutti = TuttiClient.builder().endpoints(ENDPOINTS).requestTimeout(Duration.ofSeconds(10)).build();
    tutti.createKeyspace(KEYSPACE, "cp", 4, 3);
    // Shard leaders are elected after the keyspace exists; wait until every shard answers.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> tutti.clusterStatus().shards().stream().filter(s -> s.keyspace().equals(KEYSPACE))
            .allMatch(s -> !s.leader().isEmpty()));
  }

  @AfterAll
  static void stopCluster() {
    if (tutti != null) {
      tutti.close();
    }
    NODES.forEach(TuttiNode::close);
  }

  static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void putThenGetReturnsTheValueItsVersionAndTheLeaderThatServedIt() {
    PutResult put = tutti.put(KEYSPACE, "greeting", "hello");
    GetResult get = tutti.get(KEYSPACE, "greeting");

    assertThat(get.valueAsString()).isEqualTo("hello");
    assertThat(get.version()).isEqualTo(put.version());
    assertThat(get.revision()).isGreaterThanOrEqualTo(put.revision());
    assertThat(put.servedBy()).isIn("n1", "n2", "n3");
    assertThat(tutti.get(KEYSPACE, "never-written").found()).isFalse();
  }

  @Test
  void clientRoutesEachKeyToItsShardLeader() {
    tutti.put(KEYSPACE, "warm-up", "x"); // the map may have been fetched before leaders were known
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      for (int i = 0; i < 20; i++) {
        byte[] key = ("routed-" + i).getBytes(StandardCharsets.UTF_8);
        PutResult put = tutti.put(KEYSPACE, key, key);
        assertThat(put.servedBy()).isEqualTo(tutti.routerForTests().map().leaderOf(KEYSPACE, key));
      }
    });
  }

  @Test
  void compareAndSetAppliesOnlyOnTheExpectedVersion() {
    PutResult created = tutti.putIfAbsent(KEYSPACE, "counter", "1");
    PutResult updated = tutti.putIfVersion(KEYSPACE, "counter", "2", created.version());

    assertThat(updated.version()).isGreaterThan(created.version());
    assertThatThrownBy(() -> tutti.putIfVersion(KEYSPACE, "counter", "3", created.version()))
        .isInstanceOfSatisfying(TuttiClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
          assertThat(e.retryable()).isFalse();
        });
    assertThatThrownBy(() -> tutti.putIfAbsent(KEYSPACE, "counter", "0"))
        .isInstanceOfSatisfying(TuttiClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
    assertThat(tutti.get(KEYSPACE, "counter").valueAsString()).isEqualTo("2");
  }

  @Test
  void deleteHonoursItsExpectedVersion() {
    PutResult put = tutti.put(KEYSPACE, "doomed", "x");

    assertThatThrownBy(() -> tutti.deleteIfVersion(KEYSPACE, "doomed", put.version() + 1000))
        .isInstanceOfSatisfying(TuttiClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
    assertThat(tutti.deleteIfVersion(KEYSPACE, "doomed", put.version()).existed()).isTrue();
    assertThat(tutti.delete(KEYSPACE, "doomed").existed()).isFalse();
    assertThat(tutti.get(KEYSPACE, "doomed").found()).isFalse();
  }

  @Test
  void scanPagesThroughKeysInByteOrderAcrossShards() {
    for (int i = 0; i < 25; i++) {
      tutti.put(KEYSPACE, String.format("scan/%02d", i), "v" + i);
    }
    byte[] prefix = "scan/".getBytes(StandardCharsets.UTF_8);

    ScanPage first = tutti.scan(KEYSPACE, prefix, null, 10);
    List<String> all = StreamSupport.stream(tutti.scanAll(KEYSPACE, prefix, 7).spliterator(), false)
        .map(Item::keyAsString).toList();

    assertThat(first.items()).hasSize(10);
    assertThat(first.hasMore()).isTrue();
    assertThat(first.items().getFirst().keyAsString()).isEqualTo("scan/00");
    assertThat(all).hasSize(25).isSorted().startsWith("scan/00").endsWith("scan/24");
  }

  @Test
  void keyspacesCanBeCreatedListedAndDropped() {
    KeyspaceInfo created = tutti.createKeyspace("scratch", "cp", 2, 3);

    assertThat(created).isEqualTo(new KeyspaceInfo("scratch", "cp", 2, 3));
    assertThat(tutti.listKeyspaces()).extracting(KeyspaceInfo::name).contains("default", KEYSPACE, "scratch");
    assertThatThrownBy(() -> tutti.createKeyspace("scratch")).isInstanceOfSatisfying(TuttiClientException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    tutti.dropKeyspace("scratch");
    assertThat(tutti.listKeyspaces()).extracting(KeyspaceInfo::name).doesNotContain("scratch");
    assertThatThrownBy(() -> tutti.get("scratch", "k")).isInstanceOfSatisfying(TuttiClientException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void clusterStatusListsEveryMemberAndShard() {
    ClusterInfo status = tutti.clusterStatus();

    assertThat(status.members()).extracting(ClusterInfo.Member::nodeId).containsExactlyInAnyOrder("n1", "n2", "n3");
    assertThat(status.members()).extracting(ClusterInfo.Member::clientAddress)
        .containsExactlyInAnyOrderElementsOf(ENDPOINTS);
    assertThat(status.shards()).filteredOn(s -> s.keyspace().equals(KEYSPACE)).hasSize(4);
  }

  /**
   * DESIGN.md "unreliable network": the reply to the first attempt is lost after the node applied the write; the
   * client retries with the same request id and the shard answers with the first result instead of writing again.
   */
  @Test
  void writeWhoseReplyIsLostIsRetriedAndAppliedOnce() {
    Map<String, PutResponse> firstReplies = new ConcurrentHashMap<>();
    NodeApi.Factory real = address -> new GrpcNodeApi(address, 1 << 20, Duration.ofSeconds(2));
    NodeApi.Factory losingFirstReply = address -> new ForwardingNodeApi(real.open(address)) {
      @Override
      public PutResponse put(PutRequest request, long timeoutMs) {
        PutResponse reply = super.put(request, timeoutMs);
        if (firstReplies.putIfAbsent(request.getKey().toStringUtf8(), reply) == null) {
          throw Status.DEADLINE_EXCEEDED.withDescription("reply lost (test)").asRuntimeException();
        }
        return reply;
      }
    };
    try (TuttiClient lossy = TuttiClient.builder().endpoints(ENDPOINTS).nodeApiFactory(losingFirstReply).build()) {
      PutResult put = lossy.put(KEYSPACE, "once", "1");
      PutResult create = lossy.putIfAbsent(KEYSPACE, "created-once", "1");

      assertThat(put.version()).isEqualTo(firstReplies.get("once").getVersion());
      assertThat(tutti.get(KEYSPACE, "once").version()).isEqualTo(put.version());
      assertThat(create.version()).as("a second application would have failed create-only")
          .isEqualTo(firstReplies.get("created-once").getVersion());
    }
  }
}
