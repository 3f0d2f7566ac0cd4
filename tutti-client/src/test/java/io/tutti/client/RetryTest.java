package io.tutti.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.tutti.core.error.ErrorCode;
import io.tutti.proto.v1.CreateKeyspaceRequest;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.GetResponse;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The retry rules of the package documentation, against a scripted transport (no network, no sleeping). */
class RetryTest {
  final List<Long> sleptMs = new CopyOnWriteArrayList<>();

  TuttiClient client(ScriptedNodes nodes, int maxAttempts) {
    return TuttiClient.builder().endpoints("a:1", "b:1", "c:1").requestTimeout(Duration.ofSeconds(30))
        .maxAttempts(maxAttempts).nodeApiFactory(nodes).sleeper(sleptMs::add).build();
  }

  static RuntimeException noQuorum() {
    return ErrorMappingTest.fromNode(Status.UNAVAILABLE.withDescription("no leader"), "NO_QUORUM", "true");
  }

  static RuntimeException refused() {
    return Status.UNAVAILABLE.withCause(new ConnectException("Connection refused"))
        .asRuntimeException();
  }

  static PutResponse written(String servedBy) {
    return PutResponse.newBuilder().setVersion(7).setRevision(7).setServedBy(servedBy).build();
  }

  @Test
  void retriedPutKeepsItsRequestIdAndTheNextPutGetsANewOne() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      if (n <= 2) {
        throw n == 1 ? noQuorum() : Status.DEADLINE_EXCEEDED.asRuntimeException();
      }
      return written("n1");
    });
    try (TuttiClient tutti = client(nodes, 5)) {
      PutResult result = tutti.put("ks", "k", "v");
      tutti.put("ks", "k2", "v");

      assertThat(result.version()).isEqualTo(7);
      List<PutRequest> sent = nodes.kvCalls().stream().map(c -> (PutRequest) c.request()).toList();
      assertThat(sent).hasSize(4);
      assertThat(sent.subList(0, 3)).extracting(PutRequest::getRequestId).containsOnly(sent.get(0).getRequestId());
      assertThat(sent.get(0).getRequestId().getClientId().size()).isEqualTo(16);
      assertThat(sent.get(3).getRequestId().getClientId()).isEqualTo(sent.get(0).getRequestId().getClientId());
      assertThat(sent.get(3).getRequestId().getSequence()).isGreaterThan(sent.get(0).getRequestId().getSequence());
      assertThat(nodes.kvCalls().subList(0, 3)).extracting(ScriptedNodes.Call::address)
          .as("each retry goes to another node").doesNotHaveDuplicates();
      assertThat(sleptMs).hasSize(2).allMatch(ms -> ms >= 25 && ms <= 1000);
    }
  }

  @Test
  void writeThatNeverGetsAnAnswerIsOutcomeUnknownNotAFailure() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      throw n % 2 == 0 ? noQuorum() : Status.DEADLINE_EXCEEDED.asRuntimeException();
    });
    try (TuttiClient tutti = client(nodes, 4)) {
      assertThatThrownBy(() -> tutti.put("ks", "k", "v")).isInstanceOfSatisfying(TuttiClientException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("after 4 attempts").contains("may or may not have been applied");
      });
      assertThat(nodes.kvCalls()).hasSize(4);
    }
  }

  @Test
  void writeThatNeverLeftTheClientIsUnavailableNotUnknown() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      throw refused();
    });
    try (TuttiClient tutti = client(nodes, 3)) {
      assertThatThrownBy(() -> tutti.delete("ks", "k")).isInstanceOfSatisfying(TuttiClientException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
  }

  @Test
  void lostCompareAndSetIsThrownAtOnce() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      throw ErrorMappingTest.fromNode(Status.FAILED_PRECONDITION.withDescription("expected version 3 but the key "
          + "has version 9"), "VERSION_MISMATCH", "false");
    });
    try (TuttiClient tutti = client(nodes, 5)) {
      assertThatThrownBy(() -> tutti.putIfVersion("ks", "k", "v", 3))
          .isInstanceOfSatisfying(TuttiClientException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
            assertThat(e.retryable()).isFalse();
          });
      assertThat(nodes.kvCalls()).hasSize(1);
      assertThat(((PutRequest) nodes.kvCalls().getFirst().request()).getCondition().getVersionEquals()).isEqualTo(3);
    }
  }

  @Test
  void readThatTimesOutEverywhereIsUnavailable() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      throw Status.DEADLINE_EXCEEDED.asRuntimeException();
    });
    try (TuttiClient tutti = client(nodes, 3)) {
      assertThatThrownBy(() -> tutti.get("ks", "k")).isInstanceOfSatisfying(TuttiClientException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
      assertThat(nodes.kvCalls()).hasSize(3).allMatch(c -> c.request() instanceof GetRequest);
    }
  }

  @Test
  void readIsRetriedOnAnotherNode() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      if (n == 1) {
        throw refused();
      }
      return GetResponse.newBuilder().setFound(true).setVersion(3).setServedBy("n2").build();
    });
    try (TuttiClient tutti = client(nodes, 3)) {
      GetResult result = tutti.get("ks", "k");

      assertThat(result.found()).isTrue();
      assertThat(result.version()).isEqualTo(3);
      assertThat(nodes.kvCalls().get(0).address()).isNotEqualTo(nodes.kvCalls().get(1).address());
    }
  }

  @Test
  void keyspaceCreationIsNotResentOnceItMayHaveArrived() {
    ScriptedNodes nodes = new ScriptedNodes((address, request, n) -> {
      throw noQuorum();
    });
    try (TuttiClient tutti = client(nodes, 5)) {
      assertThatThrownBy(() -> tutti.createKeyspace("orders")).isInstanceOfSatisfying(TuttiClientException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
      assertThat(nodes.kvCalls()).hasSize(1).allMatch(c -> c.request() instanceof CreateKeyspaceRequest);
    }
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
    RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(5), 8, Duration.ofMillis(50),
        Duration.ofSeconds(1));
    java.util.Random random = new java.util.Random(42);

    for (int attempt = 1; attempt <= 10; attempt++) {
      long base = Math.min(1000, 50L << (attempt - 1));
      assertThat(policy.backoffMs(attempt, random)).isBetween(base / 2, base);
    }
  }
}
