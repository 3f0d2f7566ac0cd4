package io.tutti.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tutti.proto.v1.Condition;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.KvGrpc;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.RequestId;
import io.tutti.server.TuttiNode;
import io.tutti.server.config.ConfigLoader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The API of one in-process node: gRPC errors follow the error table; a closing node refuses new requests. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleNodeApiTest {
  @TempDir
  static Path dir;
  static TuttiNode node;
  static String address;
  static KvGrpc.KvBlockingStub kv;

  @BeforeAll
  static void start() throws Exception {
    int clientPort = freePort();
    int peerPort = freePort();
    ConfigLoader.Settings settings = new ConfigLoader.Settings();
    settings.nodeId = "n1";
    settings.dataDir = dir.resolve("n1").toString();
    settings.clientAddress = "127.0.0.1:" + clientPort;
    settings.peerAddress = "127.0.0.1:" + peerPort;
    settings.electionTimeoutMinMs = 300;
    settings.electionTimeoutMaxMs = 600;
    settings.defaultShards = 2;
    node = TuttiNode.start(ConfigLoader.load(null, settings));
    await().atMost(Duration.ofSeconds(60)).until(node::isReady);
    address = "127.0.0.1:" + clientPort;
    kv = GrpcClients.newClient("http://" + address, KvGrpc.KvBlockingStub.class);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tuttiCode(StatusRuntimeException e) {
    return e.getTrailers().get(Metadata.Key.of("tutti-error-code", Metadata.ASCII_STRING_MARSHALLER));
  }

  @Test
  @Order(1)
  void grpcPutAndGetRoundTrip() {
    long version = kv.put(PutRequest.newBuilder().setKeyspace("default").setKey(ByteString.copyFromUtf8("g"))
        .setValue(ByteString.copyFromUtf8("grpc")).build()).getVersion();
    var got = kv.get(GetRequest.newBuilder().setKeyspace("default").setKey(ByteString.copyFromUtf8("g")).build());
    assertThat(got.getFound()).isTrue();
    assertThat(got.getValue().toStringUtf8()).isEqualTo("grpc");
    assertThat(got.getVersion()).isEqualTo(version);
    assertThat(got.getConsistency()).isEqualTo("linearizable");
  }

  @Test
  @Order(2)
  void grpcBadInputGetsTheTableStatusAndTuttiCode() {
    assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKeyspace("default")
        .setKey(ByteString.copyFrom(new byte[4097])).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(tuttiCode(e)).isEqualTo("TOO_LARGE");
        });
    assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKeyspace("Bad Name")
        .setKey(ByteString.copyFromUtf8("k")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(tuttiCode(e)).isEqualTo("INVALID_ARGUMENT"));
    assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKeyspace("default")
        .setKey(ByteString.copyFromUtf8("k")).setRequestId(RequestId.newBuilder()
            .setClientId(ByteString.copyFrom(new byte[3])).setSequence(1)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(tuttiCode(e)).isEqualTo("INVALID_ARGUMENT"));
    assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKeyspace("default")
        .setKey(ByteString.copyFromUtf8("k")).setRequestId(RequestId.newBuilder()
            .setClientId(ByteString.copyFrom(new byte[16])).setSequence(-1L)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(tuttiCode(e)).isEqualTo("INVALID_ARGUMENT"));
    assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKeyspace("default")
        .setKey(ByteString.copyFromUtf8("g")).setCondition(Condition.newBuilder().setVersionEquals(999_999))
        .build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(tuttiCode(e)).isEqualTo("VERSION_MISMATCH");
        });
    var got = kv.get(GetRequest.newBuilder().setKeyspace("default").setKey(ByteString.copyFromUtf8("g")).build());
    assertThat(got.getValue().toStringUtf8()).as("a refused CAS writes nothing").isEqualTo("grpc");
  }

  @Test
  @Order(3)
  void grpcClusterStatusNamesTheMetadataVotersLikeHttp() {
    var status = GrpcClients.newClient("http://" + address, io.tutti.proto.v1.ClusterGrpc.ClusterBlockingStub.class)
        .status(io.tutti.proto.v1.ClusterStatusRequest.getDefaultInstance());
    assertThat(status.getMetadataVotersMap()).containsOnlyKeys("n1");
    assertThat(status.getMembersList()).extracting(io.tutti.proto.v1.Member::getNodeId).containsExactly("n1");
    assertThat(status.getShardsList()).hasSize(2).allMatch(shard -> shard.getLeader().equals("n1"));
  }

  @Test
  @Order(4)
  void closingNodeRefusesNewRequestsAsUnavailable() throws Exception {
    node.service().startClosing();
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + address + "/v1/kv/default/late"))
        .PUT(HttpRequest.BodyPublishers.ofString("v")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(503);
    assertThat(reply.body()).contains("\"code\":\"UNAVAILABLE\"").contains("shutting down")
        .contains("\"retryable\":true");
    assertThatThrownBy(() -> kv.get(GetRequest.newBuilder().setKeyspace("default")
        .setKey(ByteString.copyFromUtf8("g")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }
}
